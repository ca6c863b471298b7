package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.classify.RulesClassifier.Strength;
import dev.coracle.workflows.chat.RequestClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strong rules decide alone, so they must only fire on phrasings that leave no doubt. */
class RulesClassifierStrengthTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "what's the status of job 7f3a?|STATUS",
        "did my overnight job fail?|STATUS",
        "what are you working on?|STATUS",
        "¿cuál es el estado de mi trabajo?|STATUS",
        "Ist mein Job fertig?|STATUS",
        "où en est la tâche de migration ?|STATUS",
        "o meu job terminou?|STATUS",
        "任务完成了吗？|STATUS",
        "which status code means conflict?|FAST",
        "thanks!|FAST",
        "what's new in Kotlin 2.3?|RESEARCH",
        "which ORM is fastest? answer with sources|RESEARCH",
        "¿cuál es la última versión de Go?|RESEARCH",
        "implement a retry policy for the uploader|DEEP",
        "fix the failing payment tests|DEEP",
        "/plan move the config to YAML|DEEP"
      })
  void precise_phrasings_are_strong(String text, RequestClass expected) {
    RulesClassifier.Verdict verdict = RulesClassifier.verdict(text);

    assertThat(verdict.strength()).as(verdict.reason()).isEqualTo(Strength.STRONG);
    assertThat(verdict.requestClass()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "the nightly cron job is failing, fix it and add alerting",
        "fix the failing job in our GitHub Actions workflow",
        "how do I list background jobs in bash?",
        "what is a Job in Kubernetes?",
        "bump everything to the latest version and fix the build",
        "compare these two functions I pasted",
        "what's the state of the art in program repair?",
        "write a job scheduler with retries",
        "how is it going?"
      })
  void ambiguous_phrasings_are_not_strong_for_the_wrong_class(String text) {
    RulesClassifier.Verdict verdict = RulesClassifier.verdict(text);

    if (verdict.strength() == Strength.STRONG) {
      assertThat(verdict.requestClass()).as(verdict.reason()).isNotEqualTo(RequestClass.STATUS);
      assertThat(text).doesNotStartWith("compare");
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "what port does MySQL use?",
        "how's the API rewrite going?",
        "find papers on state space models for long-context tasks"
      })
  void nouns_that_look_like_work_are_not_deep_or_status_hints(String text) {
    RulesClassifier.Verdict verdict = RulesClassifier.verdict(text);

    assertThat(verdict.requestClass() == RequestClass.DEEP && verdict.strength() != Strength.NONE)
        .as(verdict.reason())
        .isFalse();
    if (!text.startsWith("how's")) {
      assertThat(verdict.requestClass()).isNotEqualTo(RequestClass.STATUS);
    }
  }
}
