package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.job.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditFileToolTest {

  static final String CODE =
      """
      class Greeter {
        String greet() {
          return "hello";
        }

        String part() {
          return "hello";
        }
      }
      """;

  @TempDir Path dir;

  ToolHarness harness;
  Path file;

  @BeforeEach
  void setUp() throws IOException {
    harness = new ToolHarness(dir, "{}");
    file = harness.workspace.resolve("src/Greeter.java");
    TestWorkspaces.write(harness.workspace, "src/Greeter.java", CODE);
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  @Test
  void replacing_a_unique_piece_changes_only_that_piece() throws IOException {
    ToolResult result =
        edit(
            Map.of(
                "old_text",
                "String greet() {\n    return \"hello\";",
                "new_text",
                "String greet() {\n    return \"hi\";"));

    assertThat(result.error()).isFalse();
    assertThat(result.output())
        .isEqualTo("Edited src/Greeter.java: replaced 1 occurrence, the first at line 2.");
    assertThat(result.changedFiles()).containsExactly("src/Greeter.java");
    assertThat(Files.readString(file)).isEqualTo(CODE.replaceFirst("\"hello\"", "\"hi\""));
  }

  @Test
  void a_piece_that_occurs_twice_is_refused_unless_replace_all_is_set() throws IOException {
    ToolResult ambiguous = edit(Map.of("old_text", "\"hello\"", "new_text", "\"hi\""));

    assertThat(ambiguous.error()).isTrue();
    assertThat(ambiguous.output())
        .isEqualTo(
            "old_text occurs 2 times in src/Greeter.java; include more surrounding lines to make"
                + " it unique, or set replace_all to replace every occurrence.");
    assertThat(Files.readString(file)).isEqualTo(CODE);

    ToolResult all =
        edit(Map.of("old_text", "\"hello\"", "new_text", "\"hi\"", "replace_all", true));

    assertThat(all.output()).startsWith("Edited src/Greeter.java: replaced 2 occurrences");
    assertThat(Files.readString(file)).isEqualTo(CODE.replace("\"hello\"", "\"hi\""));
  }

  @Test
  void a_piece_that_is_not_in_the_file_is_refused() throws IOException {
    ToolResult result = edit(Map.of("old_text", "return \"bye\";", "new_text", "x"));

    assertThat(result.error()).isTrue();
    assertThat(result.output()).startsWith("old_text was not found in src/Greeter.java.");
    assertThat(Files.readString(file)).isEqualTo(CODE);
  }

  @Test
  void a_patch_applies_its_hunks_even_when_the_header_line_numbers_are_off() throws IOException {
    String patch =
        """
        --- a/src/Greeter.java
        +++ b/src/Greeter.java
        @@ -1,3 +1,4 @@
        +// Says hello.
         class Greeter {
           String greet() {
        -    return "hello";
        @@ -4,3 +5,3 @@
        +    return "hi";
           }
        \s
        -  String part() {
        +  String farewell() {
        """;

    ToolResult result = edit(Map.of("patch", patch));

    assertThat(result.error()).as(result.output()).isFalse();
    assertThat(result.output())
        .isEqualTo("Patched src/Greeter.java: 2 hunks applied, 3 lines added, 2 removed.");
    assertThat(Files.readString(file))
        .isEqualTo(
            """
            // Says hello.
            class Greeter {
              String greet() {
                return "hi";
              }

              String farewell() {
                return "hello";
              }
            }
            """);
  }

  @Test
  void a_hunk_whose_lines_are_not_in_the_file_is_refused_and_nothing_changes() throws IOException {
    String patch =
        """
        @@ -2,2 +2,2 @@
           String greet() {
        -    return "goodbye";
        +    return "hi";
        """;

    ToolResult result = edit(Map.of("patch", patch));

    assertThat(result.error()).isTrue();
    assertThat(result.output())
        .startsWith(
            "Hunk 1 (@@ -2,2 +2,2 @@) does not apply to src/Greeter.java: its context and"
                + " removed lines are not in the file. At line 3 the hunk expects \"    return"
                + " \\\"goodbye\\\";\"".replace("\\\"", "\""));
    assertThat(Files.readString(file)).isEqualTo(CODE);
  }

  @Test
  void a_patch_can_create_a_new_file() throws IOException {
    ToolResult result =
        harness.run(
            "edit_file",
            Map.of("path", "docs/new.md", "patch", "@@ -0,0 +1,2 @@\n+# Title\n+text\n"));

    assertThat(result.output())
        .isEqualTo("Created docs/new.md: 1 hunk applied, 2 lines added, 0 removed.");
    assertThat(harness.workspace.resolve("docs/new.md")).hasContent("# Title\ntext");
    assertThat(Files.readString(harness.workspace.resolve("docs/new.md"))).endsWith("text\n");
  }

  @Test
  void paths_outside_the_workspace_are_refused() {
    ToolResult result =
        harness.run("edit_file", Map.of("path", "../x", "old_text", "a", "new_text", "b"));

    assertThat(result.error()).isTrue();
    assertThat(result.output()).startsWith("The path \"../x\" is outside the workspace");
  }

  @Test
  void edit_file_needs_exactly_one_way_of_editing() {
    assertThat(edit(Map.of()).output())
        .isEqualTo("edit_file needs old_text and new_text, or a patch.");
    assertThat(edit(Map.of("patch", "@@ -1 +1 @@\n-a\n+b\n", "old_text", "a")).output())
        .isEqualTo("Give either patch or old_text and new_text, not both.");
  }

  private ToolResult edit(Map<String, Object> arguments) {
    Map<String, Object> withPath = new java.util.HashMap<>(arguments);
    withPath.put("path", "src/Greeter.java");
    return harness.run("edit_file", withPath);
  }
}
