package dev.coracle.activities.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptGuardTest {

  @Test
  void case_punctuation_and_contractions_do_not_count() {
    assertAgree("What is the capital city of France?", "what's the capital city of france");
    assertAgree("Why isn't my CSS applied?", "why is my css not applied");
    assertAgree("How do I add an SSH key to GitHub?", "how to add a ssh key to github?");
  }

  @Test
  void numbers_must_be_equal() {
    assertDiffer("How many bytes is 64 KB?", "How many bytes is 32 KB?");
    assertDiffer("What's new in Python 3.12?", "What's new in Python 3.13?");
    assertAgree("convert 10 miles to km", "convert 10 miles to km please");
  }

  @Test
  void quoted_strings_must_be_equal() {
    assertDiffer(
        "What does the error 'connection refused' mean?",
        "What does the error 'connection reset' mean?");
    assertDiffer("Translate \"good morning\" to Spanish", "Translate \"good night\" to Spanish");
    assertAgree("What does `git stash` do?", "what does `git stash` do");
  }

  @Test
  void code_identifiers_and_file_names_must_be_words_of_the_other() {
    assertDiffer("which is faster, ArrayList or Vector?", "which is faster, LinkedList or Vector?");
    assertDiffer("What does package.json do?", "What does tsconfig.json do?");
    assertDiffer("What does `useEffect` do in React?", "What does `useMemo` do in React?");
    assertDiffer("What does git reset --hard do?", "What does git reset --soft do?");
    assertAgree("How do I kill a process on macOS?", "how to kill a process on macos");
  }

  @Test
  void named_things_languages_and_places_must_be_words_of_the_other() {
    assertDiffer("What is the capital of Spain?", "What is the capital of Portugal?");
    assertDiffer("how do i reverse a string in python", "how do i reverse a string in rust");
    assertAgree("What is the default port for MySQL?", "what's mysql's default port?");
  }

  @Test
  void the_order_of_two_named_things_counts_unless_the_question_is_symmetric() {
    assertDiffer("Can I run Windows apps on Linux?", "Can I run Linux apps on Windows?");
    assertAgree("What's the difference between TCP and UDP?", "difference between UDP and TCP?");
  }

  @Test
  void opposite_polarity_words_differ() {
    assertDiffer("How do I enable dark mode?", "How do I disable dark mode?");
    assertDiffer("which is faster, tuples or lists?", "which is slower, tuples or lists?");
    assertDiffer("How do I add a column in Postgres?", "How do I drop a column in Postgres?");
    assertDiffer("how do I get the min of an array", "how do I get the max of an array");
    assertDiffer("sort the list ascending", "sort the list descending");
    assertDiffer("How do I turn on word wrap?", "How do I turn off word wrap?");
  }

  @Test
  void a_polarity_word_on_one_side_only_is_no_conflict() {
    assertAgree("How do I see the git log?", "how can I show the git log");
  }

  @Test
  void negation_must_match() {
    assertDiffer("Why is my test passing?", "Why is my test not passing?");
    assertDiffer("Why does my query return duplicates?", "Why doesn't my query return duplicates?");
  }

  @Test
  void a_conversion_must_have_the_same_target() {
    assertDiffer("Convert 100 USD to EUR", "Convert 100 EUR to USD");
    assertDiffer(
        "How do I convert a string to a list in Python?",
        "How do I convert a list to a string in Python?");
    assertAgree(
        "How do I convert a string to an int in Go?", "how to convert a string to int in go");
  }

  private static void assertAgree(String a, String b) {
    assertThat(PromptGuard.agree(a, b)).as("'%s' / '%s'", a, b).isTrue();
    assertThat(PromptGuard.agree(b, a)).as("'%s' / '%s'", b, a).isTrue();
  }

  private static void assertDiffer(String a, String b) {
    assertThat(PromptGuard.agree(a, b)).as("'%s' / '%s'", a, b).isFalse();
    assertThat(PromptGuard.agree(b, a)).as("'%s' / '%s'", b, a).isFalse();
  }
}
