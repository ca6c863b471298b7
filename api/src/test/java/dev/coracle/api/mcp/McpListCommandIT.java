package dev.coracle.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.mcp.McpNodePackages;
import dev.coracle.api.Coracle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code coracle mcp list} with no coracle running: what it prints and its exit status. */
class McpListCommandIT {
  @TempDir Path home;

  @BeforeAll
  static void installServer() throws Exception {
    McpNodePackages.install();
  }

  private static final String EVERYTHING =
      "  - name: everything\n    command: node\n    args: [\"%s\"]\n";

  @Test
  void lists_each_servers_tools_and_exits_zero_when_all_answer() throws Exception {
    Files.writeString(
        home.resolve("mcp.yml"),
        "servers:\n" + EVERYTHING.formatted(McpNodePackages.everythingServer()));

    Run run = list();

    assertThat(run.exit).isZero();
    assertThat(run.out).contains("everything  stdio  ok  ").contains("tools: ").contains("echo");
  }

  @Test
  void exits_one_and_says_why_when_a_server_fails() throws Exception {
    Files.writeString(
        home.resolve("mcp.yml"),
        "servers:\n"
            + EVERYTHING.formatted(McpNodePackages.everythingServer())
            + "  - name: gone\n    url: http://127.0.0.1:9/mcp\n");

    Run run = list();

    assertThat(run.exit).isEqualTo(McpListCommand.EXIT_SERVER_FAILED);
    assertThat(run.out)
        .contains("everything  stdio  ok")
        .contains("gone  streamable-http  failed: ");
  }

  @Test
  void exits_two_for_an_mcp_yml_it_cannot_use() throws Exception {
    Files.writeString(home.resolve("mcp.yml"), "servers:\n  - name: nothing\n");

    assertThat(list().exit).isEqualTo(McpListCommand.EXIT_BAD_CONFIG);
  }

  private record Run(int exit, String out) {}

  private Run list() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int exit =
          new CommandLine(new Coracle())
              .execute("mcp", "list", "--home", home.toString(), "--timeout", "20");
      return new Run(exit, out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }
}
