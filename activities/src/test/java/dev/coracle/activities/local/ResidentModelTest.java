package dev.coracle.activities.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResidentModelTest {

  @Test
  void a_bare_name_means_the_latest_tag() {
    ResidentModel latest = new ResidentModel("llama3.2:latest", 0, 0, null);

    assertThat(latest.matches("llama3.2")).isTrue();
    assertThat(latest.matches("llama3.2:latest")).isTrue();
    assertThat(latest.matches("llama3.2:1b")).isFalse();
  }

  @Test
  void a_registry_port_is_not_a_tag() {
    assertThat(
            new ResidentModel("localhost:5000/team/model:latest", 0, 0, null)
                .matches("localhost:5000/team/model"))
        .isTrue();
  }

  @Test
  void only_memory_outside_the_gpu_counts_as_ram() {
    assertThat(new ResidentModel("m", 10, 4, null).ramBytes()).isEqualTo(6);
    assertThat(new ResidentModel("m", 10, 12, null).ramBytes()).isZero();
  }
}
