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

  /**
   * Telling words in languages the embedding model barely reads: each only tilts the classifiers
   * towards its class (and lets a job verdict pass the gate at 0.6), never decides alone.
   */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "il job di stamattina è finito?|STATUS",
        "loopt mijn job nog?|STATUS",
        "czy moje zadanie nadal działa?|STATUS",
        "işim bitti mi?|STATUS",
        "задача по миграции уже завершилась?|STATUS",
        "移行のジョブは終わりましたか|STATUS",
        "배포 작업 끝났어?|STATUS",
        "how far along is the cleanup?|STATUS",
        "riscrivi il parser in Go con i test|DEEP",
        "herschrijf de parser in Go met tests|DEEP",
        "przepisz parser w Go z testami|DEEP",
        "перепиши парсер на Go с тестами|DEEP",
        "パーサーをGoで実装してください|DEEP",
        "파서를 Go로 구현해줘|DEEP",
        "cerca le ultime notizie su Kafka|RESEARCH",
        "wat is er nieuw in Kafka 4?|RESEARCH",
        "najnowsze wiadomości o Kafce|RESEARCH",
        "Kafka hakkında güncel haberler|RESEARCH",
        "найди свежие статьи про Kafka|RESEARCH",
        "Kafkaの最新ニュースを調べて|RESEARCH",
        "Kafka 최신 뉴스 찾아줘|RESEARCH",
        "что такое Kafka?|FAST",
        "Kafkaとは何ですか|FAST",
        "什么是 Kafka？|FAST",
        "para que serve o Kafka?|FAST"
      })
  void telling_words_in_more_languages_are_weak_hints(String text, RequestClass expected) {
    RulesClassifier.Verdict verdict = RulesClassifier.verdict(text);

    assertThat(verdict.strength()).as(verdict.reason()).isEqualTo(Strength.WEAK);
    assertThat(verdict.requestClass()).as(verdict.reason()).isEqualTo(expected);
  }
}
