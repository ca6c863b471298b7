package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RulesClassifierTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "what's the status of my job?",
        "/status",
        "how is the refactor job going",
        "What is the progress of the tasks?",
        "/status refactor-auth"
      })
  void questions_about_jobs_are_status(String text) {
    assertClass(text, RequestClass.STATUS);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "Implement a REST endpoint for users with tests",
        "refactor the auth module across all files",
        "debug the failing tests in CI",
        "Write a CLI that syncs two folders",
        "design a schema for a multi-tenant billing system"
      })
  void multi_step_coding_work_is_deep(String text) {
    assertClass(text, RequestClass.DEEP);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "compare Temporal vs Cadence",
        "what's new in Java 25",
        "latest release notes of Micronaut",
        "What are the pros and cons of SQLite versus Postgres?"
      })
  void questions_needing_outside_information_are_research(String text) {
    assertClass(text, RequestClass.RESEARCH);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "what is a monad?",
        "translate hello to French",
        "hi",
        "explain the difference between a list and a tuple in Python",
        "how is it going?",
        "how do I set up VS Code for Java?",
        "what are weak references in Java?"
      })
  void single_shot_questions_are_fast(String text) {
    assertClass(text, RequestClass.FAST);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\n"})
  void empty_text_is_fast_with_low_confidence(String text) {
    Classification classification = RulesClassifier.classify(text);

    assertThat(classification.requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(classification.confidence()).isLessThan(0.6);
  }

  @ParameterizedTest
  @CsvSource({
    "refactor the auth module across all files, DEEP, 'refactor'",
    "compare Temporal vs Cadence, RESEARCH, 'compare'",
    "/status, STATUS, '/status'"
  })
  void reason_quotes_the_words_that_decided(String text, RequestClass expected, String words) {
    Classification classification = RulesClassifier.classify(text);

    assertThat(classification.requestClass()).isEqualTo(expected);
    assertThat(classification.reason()).contains("'" + words + "'");
  }

  @Test
  void status_wins_over_deep_words() {
    assertClass("is the refactor job finished?", RequestClass.STATUS);
  }

  @Test
  void long_request_with_deep_and_research_words_is_deep() {
    String text =
        "Implement a caching layer for the API and compare it against the current one. "
            + "Details: ".repeat(50);

    assertClass(text, RequestClass.DEEP);
  }

  @Test
  void short_request_with_deep_and_research_words_is_research() {
    assertClass("compare how Go and Rust implement generics", RequestClass.RESEARCH);
  }

  private static void assertClass(String text, RequestClass expected) {
    Classification classification = RulesClassifier.classify(text);
    assertThat(classification.requestClass())
        .as("class of '%s' (%s)", text, classification.reason())
        .isEqualTo(expected);
    assertThat(classification.tier()).isEqualTo("rules");
  }
}
