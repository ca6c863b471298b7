package dev.coracle.activities.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverNodeTest {
  @TempDir Path dir;

  private Path executable(Path directory, String name) throws IOException {
    Files.createDirectories(directory);
    return Files.createFile(
        directory.resolve(name),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  @Test
  void the_variable_wins_over_the_path() throws IOException {
    Path named = executable(dir.resolve("custom"), "node");
    executable(dir.resolve("bin"), "node");

    assertThat(DriverNode.find(named.toString(), dir.resolve("bin").toString())).contains(named);
  }

  @Test
  void without_the_variable_the_first_node_on_the_path_is_used() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    Path node = executable(dir.resolve("bin"), "node");
    String path = dir.resolve("empty") + File.pathSeparator + dir.resolve("bin");

    assertThat(DriverNode.find(null, path)).contains(node);
  }

  @Test
  void a_variable_naming_no_executable_is_refused_with_its_name() {
    assertThatThrownBy(() -> DriverNode.find(dir.resolve("missing").toString(), ""))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("PLAYWRIGHT_NODEJS_PATH names")
        .hasMessageContaining("missing");
  }

  @Test
  void no_node_anywhere_says_what_to_install() throws IOException {
    Files.createFile(dir.resolve("node")); // not executable: does not count
    assertThatThrownBy(() -> DriverNode.find(null, dir.toString()))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("Node.js 20 or newer")
        .hasMessageContaining("PLAYWRIGHT_NODEJS_PATH");
  }
}
