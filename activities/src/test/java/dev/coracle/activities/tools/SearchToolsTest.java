package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.job.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SearchToolsTest {

  @TempDir Path dir;

  ToolHarness harness;
  Path workspace;

  @BeforeEach
  void setUp() throws IOException {
    harness = new ToolHarness(dir, "{}");
    workspace = harness.workspace;
    TestWorkspaces.write(workspace, "src/App.java", "class App {\n  // TODO: start\n}\n");
    TestWorkspaces.write(workspace, "src/util/Strings.java", "class Strings { // todo later\n}\n");
    TestWorkspaces.write(workspace, "README.md", "A TODO list app.\n");
    TestWorkspaces.write(workspace, "target/App.class.java", "// TODO generated\n");
    TestWorkspaces.write(workspace, "node_modules/x/index.java", "// TODO dependency\n");
    TestWorkspaces.write(workspace, ".git/HEAD.java", "// TODO git\n");
    Files.write(workspace.resolve("src/data.bin"), new byte[] {'T', 'O', 'D', 'O', 0, 1, 2});
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  @Test
  void glob_matches_at_any_depth_and_skips_build_output_dependencies_and_git() {
    ToolResult result = harness.run("glob", Map.of("pattern", "**/*.java"));

    assertThat(result.error()).isFalse();
    assertThat(result.output())
        .isEqualTo("2 files match **/*.java\nsrc/App.java\nsrc/util/Strings.java\n");
    assertThat(harness.run("glob", Map.of("pattern", "src/**/*.java")).output())
        .isEqualTo("2 files match src/**/*.java\nsrc/App.java\nsrc/util/Strings.java\n");
    assertThat(harness.run("glob", Map.of("pattern", "*.{md,bin}")).output())
        .isEqualTo("2 files match *.{md,bin}\nREADME.md\nsrc/data.bin\n");
    assertThat(harness.run("glob", Map.of("pattern", "*.java", "path", "src/util")).output())
        .isEqualTo("1 file matches *.java\nsrc/util/Strings.java\n");
  }

  @Test
  void glob_lists_a_bounded_number_of_files_and_says_how_many_more() throws IOException {
    for (int i = 0; i < 230; i++) {
      TestWorkspaces.write(workspace, "many/f" + String.format("%03d", i) + ".txt", "x");
    }

    ToolResult result = harness.run("glob", Map.of("pattern", "many/*.txt"));

    assertThat(result.output().lines())
        .hasSize(1 + 200 + 1)
        .startsWith("230 files match many/*.txt", "many/f000.txt")
        .endsWith("many/f199.txt", "… and 30 more; narrow the pattern or the path");
  }

  @Test
  void grep_answers_with_file_line_and_text_and_skips_binaries() {
    ToolResult result = harness.run("grep", Map.of("pattern", "TODO"));

    assertThat(result.error()).isFalse();
    assertThat(result.output())
        .isEqualTo(
            "2 matching lines in 2 files:\n"
                + "README.md:1: A TODO list app.\n"
                + "src/App.java:2:   // TODO: start\n");
  }

  @Test
  void grep_can_ignore_case_match_literally_and_filter_by_glob() {
    assertThat(
            harness
                .run("grep", Map.of("pattern", "todo", "ignore_case", true, "glob", "*.java"))
                .output())
        .isEqualTo(
            "2 matching lines in 2 files:\n"
                + "src/App.java:2:   // TODO: start\n"
                + "src/util/Strings.java:1: class Strings { // todo later\n");
    assertThat(harness.run("grep", Map.of("pattern", "{ //", "fixed_strings", true)).output())
        .isEqualTo(
            "1 matching lines in 1 file:\nsrc/util/Strings.java:1: class Strings { // todo later\n");
    assertThat(harness.run("grep", Map.of("pattern", "start", "path", "src/App.java")).output())
        .isEqualTo("1 matching lines in 1 file:\nsrc/App.java:2:   // TODO: start\n");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void grep_with_a_catastrophic_pattern_on_a_long_line_answers_at_once() throws IOException {
    // With a backtracking engine, (a+)+b on a line of a's takes exponential time: this test would
    // not end. RE2/J answers in time linear in the line.
    TestWorkspaces.write(workspace, "long.txt", "a".repeat(100_000) + "\n");

    ToolResult result = harness.run("grep", Map.of("pattern", "(a+)+b", "path", "long.txt"));

    assertThat(result.error()).isFalse();
    assertThat(result.output()).isEqualTo("No matches.\n");
  }

  @Test
  void grep_stops_at_the_match_bound_and_says_there_are_more() throws IOException {
    TestWorkspaces.write(workspace, "log.txt", "hit\n".repeat(50));

    ToolResult result = harness.run("grep", Map.of("pattern", "hit", "max_matches", 5));

    assertThat(result.output().lines())
        .containsExactly(
            "First 5 matching lines (more exist; narrow the search):",
            "log.txt:1: hit",
            "log.txt:2: hit",
            "log.txt:3: hit",
            "log.txt:4: hit",
            "log.txt:5: hit");
  }

  @Test
  void a_bad_regular_expression_and_a_path_outside_are_clear_errors() {
    ToolResult regex = harness.run("grep", Map.of("pattern", "foo("));
    ToolResult outside = harness.run("grep", Map.of("pattern", "x", "path", "/etc"));
    ToolResult globOutside = harness.run("glob", Map.of("pattern", "*", "path", "../"));

    assertThat(regex.error()).isTrue();
    assertThat(regex.output())
        .startsWith("The pattern is not a valid regular expression")
        .endsWith("set fixed_strings to search for it literally.");
    assertThat(outside.output()).startsWith("The path \"/etc\" is outside the workspace");
    assertThat(globOutside.output()).startsWith("The path \"../\" is outside the workspace");
  }
}
