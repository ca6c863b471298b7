package dev.coracle.activities.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptTextTest {

  @Test
  void normalize_trims_collapses_whitespace_and_lower_cases_but_keeps_punctuation() {
    assertThat(PromptText.normalize("  How do I\n\treverse  a LIST?  "))
        .isEqualTo("how do i reverse a list?");
    assertThat(PromptText.normalize("x[::-1]  vs\u00a0reversed(x)"))
        .isEqualTo("x[::-1] vs reversed(x)");
    assertThat(PromptText.normalize("Don\u2019t")).isEqualTo("don't");
    assertThat(PromptText.normalize(null)).isEmpty();
  }

  @Test
  void exact_words_are_numbers_identifiers_code_and_negations_sorted() {
    assertThat(PromptText.exactWords("how do i reverse a list in python?")).isEmpty();
    assertThat(PromptText.exactWords("can't i use x[::-1] in python 3.10, not reversed()?"))
        .containsExactly("3.10", "not", "not", "reversed()", "x[::-1]");
    assertThat(PromptText.exactWords("is it safe to delete node_modules and /tmp/cache."))
        .containsExactly("/tmp/cache", "node_modules");
    assertThat(PromptText.exactWords("what is 2+2?")).containsExactly("2+2");
  }

  @Test
  void reordering_a_question_keeps_its_exact_words() {
    assertThat(PromptText.exactWords("convert 10 miles to km"))
        .isEqualTo(PromptText.exactWords("how many km are 10 miles"));
  }

  @Test
  void long_prompts_and_code_blocks_match_only_exactly() {
    String shortQuestion = "how do i reverse a list in python?";
    assertThat(PromptText.matchesOnlyExactly(shortQuestion, shortQuestion)).isFalse();
    assertThat(PromptText.matchesOnlyExactly("fix ```x = 1```", "fix ```x = 1```")).isTrue();
    String longQuestion = "a".repeat(PromptText.LONG_PROMPT_CHARS + 1);
    assertThat(PromptText.matchesOnlyExactly(longQuestion, longQuestion)).isTrue();
  }

  @Test
  void the_embedded_text_folds_case_punctuation_and_contractions() {
    assertThat(PromptText.forEmbedding("What is the capital city of France?"))
        .isEqualTo(PromptText.forEmbedding("what's the capital city of france ?"))
        .isEqualTo("what is the capital city of france ?");
    assertThat(PromptText.forEmbedding("  Why   DOESN\u2019T it work?! "))
        .isEqualTo("why does not it work ?");
    assertThat(PromptText.forEmbedding("What does `git stash` do, in short?"))
        .isEqualTo("what does git stash do in short ?");
  }

  @Test
  void the_embedded_text_keeps_the_punctuation_inside_words() {
    assertThat(PromptText.forEmbedding("Is node.js faster than C++ on /tmp/x.txt?"))
        .isEqualTo("is node.js faster than c++ on /tmp/x.txt ?");
  }
}
