package dev.coracle.activities.local;

import static dev.coracle.activities.local.TestSlots.CODER;
import static dev.coracle.activities.local.TestSlots.GIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaAdminTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ResidentSetOllama ollama = ResidentSetOllama.start();
  private final OllamaAdmin admin = new OllamaAdmin(ollama.baseUrl() + "/", TIMEOUT, TIMEOUT);

  @AfterEach
  void stop() {
    ollama.close();
  }

  @Test
  void ps_lists_name_size_and_expiry() throws IOException {
    ollama.size(CODER, 5 * GIB).preload(CODER);

    ResidentModel model = admin.ps().get(0);

    assertThat(model.name()).isEqualTo(CODER);
    assertThat(model.size()).isEqualTo(5 * GIB);
    assertThat(model.ramBytes()).isEqualTo(5 * GIB);
    assertThat(model.expiresAt()).isAfter(Instant.now());
  }

  @Test
  void unload_sends_keep_alive_zero_as_a_number_and_no_prompt() throws IOException {
    admin.unload(CODER);

    JsonNode body = ollama.bodies().get(0);
    assertThat(body.path("keep_alive").isNumber()).isTrue();
    assertThat(body.path("keep_alive").asInt()).isZero();
    assertThat(body.has("prompt")).isFalse();
  }

  @Test
  void load_sends_keep_alive_and_no_prompt() throws IOException {
    admin.load(CODER, "10m");

    assertThat(ollama.requests())
        .containsExactly("POST /api/generate " + CODER + " keep_alive=10m");
    assertThat(ollama.bodies().get(0).has("prompt")).isFalse();
    assertThat(ollama.resident()).containsExactly(CODER);
  }

  @Test
  void an_error_answer_names_the_status_request_and_ollamas_message() {
    ollama.failWith(500);

    assertThatThrownBy(() -> admin.unload(CODER))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Ollama at "
                + ollama.baseUrl()
                + " answered HTTP 500 to POST /api/generate (unload qwen2.5-coder:7b): llama"
                + " runner crashed");
  }

  @Test
  void a_slow_answer_times_out_with_the_limit_in_the_message() {
    ollama.loadDelay(Duration.ofSeconds(1));
    OllamaAdmin impatient = new OllamaAdmin(ollama.baseUrl(), TIMEOUT, Duration.ofMillis(200));

    assertThatThrownBy(() -> impatient.load(CODER, "5m"))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Ollama at "
                + ollama.baseUrl()
                + " did not answer POST /api/generate (load qwen2.5-coder:7b) within 200 ms");
  }

  @Test
  void speaks_the_same_wire_format_as_the_shared_fake_ollama() throws IOException {
    try (FakeOllamaServer shared = new FakeOllamaServer().start()) {
      OllamaAdmin sharedAdmin = new OllamaAdmin(shared.baseUrl(), TIMEOUT, TIMEOUT);

      sharedAdmin.load("echo", "5m");
      assertThat(sharedAdmin.ps()).singleElement().matches(m -> m.matches("echo"));
      sharedAdmin.unload("echo");
      assertThat(sharedAdmin.ps()).isEmpty();
    }
  }
}
