package dev.coracle.activities.tools;

import static dev.coracle.activities.tools.TestTools.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.job.ToolResult;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileToolsTest {

  @TempDir Path dir;

  Path workspace;
  ApplicationContext context;
  ToolActivitiesImpl tools;

  @BeforeEach
  void setUp() throws IOException {
    workspace = Files.createDirectories(dir.resolve("ws")).toRealPath();
    context =
        TestWorkspaces.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-11-20T12:00:00Z")),
            TestWorkspaces.config(dir.resolve("home"), "{}"));
    tools = context.getBean(ToolActivitiesImpl.class);
  }

  @AfterEach
  void tearDown() {
    context.close();
  }

  @Test
  void write_then_read_round_trips_the_text_and_reports_the_changed_file() throws IOException {
    ToolResult written =
        tools.run(
            call(
                workspace,
                "write_file",
                "{\"path\": \"src/deep/hello.txt\", \"content\": \"héllo\\nworld\\n\"}"));

    assertThat(written.error()).isFalse();
    assertThat(written.output()).isEqualTo("Created src/deep/hello.txt (13 bytes).");
    assertThat(written.changedFiles()).containsExactly("src/deep/hello.txt");
    assertThat(workspace.resolve("src/deep/hello.txt")).hasContent("héllo\nworld");

    ToolResult read = tools.run(call(workspace, "read_file", "{\"path\": \"src/deep/hello.txt\"}"));

    assertThat(read.error()).isFalse();
    assertThat(read.output()).isEqualTo("src/deep/hello.txt: lines 1-2 of 2\nhéllo\nworld\n");
    assertThat(read.changedFiles()).isEmpty();

    ToolResult again =
        tools.run(
            call(
                workspace, "write_file", "{\"path\": \"src/deep/hello.txt\", \"content\": \"x\"}"));
    assertThat(again.output()).isEqualTo("Overwrote src/deep/hello.txt (1 bytes; it had 13).");
  }

  @Test
  void read_file_reads_a_range_and_says_where_to_go_on() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      lines.append("line ").append(i).append('\n');
    }
    Files.writeString(workspace.resolve("ten.txt"), lines);

    ToolResult read =
        tools.run(
            call(
                workspace,
                "read_file",
                "{\"path\": \"ten.txt\", \"offset\": 4, \"limit\": \"3\"}"));

    assertThat(read.output())
        .isEqualTo(
            "ten.txt: lines 4-6 of 10; read_file with offset 7 reads on\nline 4\nline 5\nline 6\n");
  }

  @Test
  void read_file_refuses_directories_binaries_and_missing_files_clearly() throws IOException {
    Files.createDirectories(workspace.resolve("src"));
    Files.write(workspace.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});

    assertError(
        tools.run(call(workspace, "read_file", "{\"path\": \"src\"}")),
        "src is a directory; list it with list_files.");
    assertError(
        tools.run(call(workspace, "read_file", "{\"path\": \"logo.png\"}")),
        "logo.png is a binary file (7 bytes); read_file reads text only.");
    assertError(
        tools.run(call(workspace, "read_file", "{\"path\": \"nope.txt\"}")),
        "There is no file nope.txt in the workspace.");
  }

  @Test
  void list_files_lists_one_level_or_all_below_without_git_and_dependencies() throws IOException {
    TestWorkspaces.write(workspace, "src/app/Main.java", "class Main {}");
    TestWorkspaces.write(workspace, "README.md", "hi");
    TestWorkspaces.write(workspace, ".git/HEAD", "ref: refs/heads/main");
    TestWorkspaces.write(workspace, "node_modules/x/index.js", "");

    assertThat(tools.run(call(workspace, "list_files", "{}")).output())
        .isEqualTo(".: 2 entries\nREADME.md\nsrc/\n");
    assertThat(
            tools
                .run(call(workspace, "list_files", "{\"path\": \"src\", \"recursive\": true}"))
                .output())
        .isEqualTo("src and below: 2 entries\nsrc/app/\nsrc/app/Main.java\n");
  }

  @Test
  void list_files_stops_at_its_bound_and_says_how_many_more() throws IOException {
    Path many = Files.createDirectories(workspace.resolve("many"));
    for (int i = 0; i < ListFilesTool.MAX_ENTRIES + 37; i++) {
      Files.writeString(many.resolve(String.format("f%04d.txt", i)), "");
    }

    ToolResult listed = tools.run(call(workspace, "list_files", "{\"path\": \"many\"}"));

    assertThat(listed.output().lines())
        .hasSize(ListFilesTool.MAX_ENTRIES + 2)
        .first()
        .isEqualTo("many: 537 entries");
    assertThat(listed.output())
        .contains("many/f0499.txt")
        .doesNotContain("many/f0500.txt")
        .endsWith("… and 37 more; list a subdirectory to see them\n");
  }

  @Test
  void a_path_outside_the_workspace_comes_back_as_an_error_and_nothing_is_written() {
    ToolResult result =
        tools.run(call(workspace, "write_file", "{\"path\": \"../evil.txt\", \"content\": \"x\"}"));

    assertThat(result.error()).isTrue();
    assertThat(result.output()).contains("\"../evil.txt\" is outside the workspace");
    assertThat(result.changedFiles()).isEmpty();
    assertThat(dir.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void unknown_tools_bad_json_and_missing_arguments_come_back_as_errors() {
    ToolResult unknown = tools.run(call(workspace, "delete_everything", "{}"));
    assertThat(unknown.error()).isTrue();
    assertThat(unknown.output())
        .startsWith("There is no tool \"delete_everything\". The tools are: ")
        .contains("edit_file", "list_files", "read_file", "run_shell", "write_file");
    assertThat(tools.run(call(workspace, "read_file", "{\"path\": ")).output())
        .startsWith("The arguments of read_file are not valid JSON: ");
    assertError(
        tools.run(call(workspace, "read_file", "[1, 2]")),
        "The arguments of read_file must be a JSON object.");
    assertError(
        tools.run(call(workspace, "write_file", "{\"path\": \"a.txt\"}")),
        "write_file needs the argument \"content\" (a string).");
    assertError(
        tools.run(call(workspace, "read_file", "{\"path\": \"a\", \"offset\": \"soon\"}")),
        "The argument \"offset\" of read_file must be a whole number; got \"soon\"");
  }

  private static void assertError(ToolResult result, String output) {
    assertThat(result.error()).isTrue();
    assertThat(result.output()).isEqualTo(output);
  }
}
