package dev.coracle.activities.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoracleHomeTest {

  @TempDir Path dir;

  @Test
  void coracle_home_variable_picks_the_directory() {
    assertThat(CoracleHome.resolve(Map.of("CORACLE_HOME", dir.toString()))).isEqualTo(dir);
  }

  @Test
  void without_the_variable_home_is_dot_coracle_in_the_user_home() {
    assertThat(CoracleHome.resolve(Map.of("CORACLE_HOME", "  ")))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".coracle"));
  }

  @Test
  void missing_home_is_created() {
    Path home = dir.resolve("nested/.coracle");

    CoracleHome.ensureWritable(home);

    assertThat(home).isDirectory().isEmptyDirectory();
  }

  // A regular file rather than a read-only directory: tests may run as root, who can write anyway.
  @Test
  void regular_file_in_place_of_home_is_refused_naming_the_path() throws IOException {
    Path home = Files.writeString(dir.resolve("coracle-home"), "not a directory");

    assertThatThrownBy(() -> CoracleHome.ensureWritable(home))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CORACLE_HOME " + home + " is not writable")
        .hasMessageContaining("set CORACLE_HOME to a directory you own");
  }

  @Test
  void home_below_a_regular_file_is_refused_naming_the_path() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path home = file.resolve(".coracle");

    assertThatThrownBy(() -> CoracleHome.ensureWritable(home))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(home.toString());
  }
}
