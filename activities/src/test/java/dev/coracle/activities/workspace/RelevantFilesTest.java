package dev.coracle.activities.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelevantFilesTest {

  static final List<String> FILES =
      List.of(
          "README.md",
          "src/main/java/app/Parser.java",
          "src/main/java/app/ParserTest.java",
          "src/main/java/app/Printer.java",
          "docs/parser/overview.md",
          "web/index.html");

  @Test
  void a_file_named_in_full_ranks_first() {
    assertThat(RelevantFiles.rank("fix the NPE in app/Printer.java please", FILES))
        .first()
        .isEqualTo("src/main/java/app/Printer.java");
  }

  @Test
  void a_word_matching_a_file_name_ranks_above_one_matching_only_a_directory() {
    assertThat(RelevantFiles.rank("The parser should accept negative numbers", FILES))
        .containsExactly(
            "src/main/java/app/Parser.java",
            "src/main/java/app/ParserTest.java",
            "docs/parser/overview.md");
  }

  @Test
  void a_request_naming_no_file_finds_none() {
    assertThat(RelevantFiles.rank("make it faster", FILES)).isEmpty();
  }
}
