package dev.coracle.activities.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The content-word check as a user meets it: a question that differs by one word nobody listed as
 * an opposite must not get the other's answer; the same question in other words must.
 */
class ContentAgreementTest {

  @Test
  void opposites_no_list_names_are_different_questions() {
    assertServedWrongAnswerNever(
        "How do I check if a number is prime in Java?",
        "How do I check if a number is even in Java?");
    assertServedWrongAnswerNever("How do I scroll up in tmux?", "How do I scroll down in tmux?");
    assertServedWrongAnswerNever(
        "Who was the first president of Brazil?", "Who was the second president of Brazil?");
    assertServedWrongAnswerNever(
        "What was the weather like yesterday in Berlin?",
        "What will the weather be like tomorrow in Berlin?");
    assertServedWrongAnswerNever(
        "Why is my red-black tree balanced?", "Why is my red-black tree unbalanced?");
    assertServedWrongAnswerNever(
        "How many milliseconds are in a minute?", "How many seconds are in a minute?");
    assertServedWrongAnswerNever(
        "How do I get an environment variable in Rust?",
        "How do I set an environment variable in Rust?");
    assertServedWrongAnswerNever(
        "How do I show hidden files in Finder?", "How do I hide files in Finder?");
  }

  @Test
  void the_direction_of_a_conversion_or_comparison_counts() {
    assertServedWrongAnswerNever("Convert 3 feet to meters", "Convert 3 meters to feet");
    assertServedWrongAnswerNever(
        "How many inches is 30 centimeters?", "How many centimeters is 30 inches?");
    assertServedWrongAnswerNever(
        "How do I migrate from MySQL to Postgres?", "How do I migrate from Postgres to MySQL?");
    assertServedSameAnswer(
        "What's the difference between a process and a thread?",
        "thread vs process: what is the difference?");
  }

  @Test
  void a_separable_verbs_particle_and_a_ukrainian_direction_count() {
    assertServedWrongAnswerNever(
        "Hoe zet ik de VPN aan op mijn laptop?", "Hoe zet ik de VPN uit op mijn laptop?");
    assertServedWrongAnswerNever(
        "Wie schalte ich Bluetooth unter Linux an?", "Wie schalte ich Bluetooth unter Linux aus?");
    assertServedWrongAnswerNever("Як конвертувати CSV у JSON?", "Як конвертувати JSON у CSV?");
    assertServedSameAnswer("Hoe zet ik de VPN aan?", "hoe zet ik de vpn aan");
  }

  @Test
  void a_narrowing_word_added_to_the_question_is_a_different_question() {
    assertServedWrongAnswerNever(
        "How do I delete a git branch?", "How do I delete a remote git branch?");
    assertServedWrongAnswerNever("How do I undo a commit?", "How do I undo a pushed commit?");
    assertServedWrongAnswerNever(
        "How do I kill a process on Linux?", "How do I kill a zombie process on Linux?");
    assertServedWrongAnswerNever("How do I install Node?", "How do I install the latest Node?");
    assertServedWrongAnswerNever(
        "How do I rename a column?", "How do I rename a column in pandas?");
  }

  @Test
  void a_word_added_after_a_shared_one_that_narrows_it_is_a_different_question() {
    assertServedWrongAnswerNever(
        "How do I list running processes in Linux?", "How do I list processes in Linux?");
    assertServedWrongAnswerNever("What is a Python list comprehension?", "What is a Python list?");
    assertServedWrongAnswerNever("What is a hash table collision?", "What is a hash table?");
    assertServedWrongAnswerNever(
        "How do I make a column unique in Postgres?",
        "How do I make a column non-unique in Postgres?");
    assertServedWrongAnswerNever(
        "How long does it take to boil an egg?", "How long does it take to boil an egg soft?");
  }

  @Test
  void other_languages_are_compared_by_their_own_stems_and_stop_words() {
    assertServedWrongAnswerNever(
        "Wie aktiviere ich den Dunkelmodus in Windows?",
        "Wie deaktiviere ich den Dunkelmodus in Windows?");
    assertServedWrongAnswerNever("Как удалить ветку в git?", "Как создать ветку в git?");
    assertServedWrongAnswerNever(
        "¿Cómo convierto millas a kilómetros?", "¿Cómo convierto kilómetros a millas?");
    assertServedSameAnswer("como borrar una rama en git", "¿Cómo borro una rama en Git?");
    assertServedSameAnswer(
        "Wie lösche ich einen Branch in Git?", "wie lösche ich in git einen branch");
  }

  @Test
  void text_no_stemmer_here_reads_only_matches_itself() {
    assertServedWrongAnswerNever("Gitでブランチを削除する方法", "Gitでブランチを作成する方法");
    assertServedWrongAnswerNever("如何删除git分支", "如何删除 git 分支？");
  }

  @Test
  void paraphrases_with_swapped_words_and_framing_are_served() {
    assertServedSameAnswer("How do I quit Emacs?", "how to exit emacs");
    assertServedSameAnswer(
        "What's the quickest way to copy a folder in Linux?",
        "fastest way to copy a directory on linux");
    assertServedSameAnswer("Could you please explain what a mutex is?", "what is a mutex");
    assertServedSameAnswer(
        "How do I initialise a struct in Go?", "how to initialize a struct in golang");
    assertServedSameAnswer(
        "How can I generate a UUID in Python?", "how do I create a uuid in python");
    assertServedSameAnswer("How do I see my git config?", "how to view the git configuration");
    assertServedSameAnswer("What does `git rebase` do?", "what does the git rebase command do");
    assertServedSameAnswer(
        "How do I delete my last three commits?", "how to remove the last 3 commits");
  }

  @Test
  void a_word_that_restates_the_one_before_it_may_be_added() {
    assertServedSameAnswer("What is the capital of Peru?", "what's the capital city of peru");
    assertServedSameAnswer(
        "How do I install the requests library in Python?", "how to install requests in python");
    assertServedSameAnswer(
        "What does the finally block do in Java?", "what does finally do in java");
    assertServedSameAnswer("How do I create a new tag in git?", "how to create a git tag");
    assertServedWrongAnswerNever("What's new in Python 3.12?", "What is Python 3.12?");
  }

  private static void assertServedSameAnswer(String asked, String earlier) {
    assertThat(PromptGuard.agree(asked, earlier)).as("'%s' is '%s'", asked, earlier).isTrue();
  }

  private static void assertServedWrongAnswerNever(String asked, String earlier) {
    assertThat(PromptGuard.agree(asked, earlier)).as("'%s' is not '%s'", asked, earlier).isFalse();
    assertThat(PromptGuard.agree(earlier, asked)).as("'%s' is not '%s'", earlier, asked).isFalse();
  }
}
