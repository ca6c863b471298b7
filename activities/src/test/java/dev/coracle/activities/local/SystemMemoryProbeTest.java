package dev.coracle.activities.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemMemoryProbeTest {

  @Test
  void reads_mem_available_from_meminfo(@TempDir Path dir) throws IOException {
    Path meminfo = dir.resolve("meminfo");
    Files.write(
        meminfo,
        List.of(
            "MemTotal:       16318488 kB",
            "MemFree:          512000 kB",
            "MemAvailable:    2097152 kB"));

    assertThat(new SystemMemoryProbe(meminfo).availableBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
  }

  @Test
  void falls_back_to_the_jvm_without_meminfo(@TempDir Path dir) {
    assertThat(new SystemMemoryProbe(dir.resolve("absent")).availableBytes()).isPositive();
  }

  @Test
  void an_old_kernel_without_mem_available_is_unknown() {
    assertThat(SystemMemoryProbe.parseMemAvailable(List.of("MemFree: 1 kB"))).isEqualTo(-1);
  }
}
