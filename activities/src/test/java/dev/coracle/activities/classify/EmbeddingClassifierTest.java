package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddingClassifierTest {
  private final EmbeddingClassifier classifier = SharedClassifier.get().embedding();

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "is my job done yet?",
        "what step is job 17 on?",
        "are my jobs still running?",
        "¿ya terminó mi trabajo?",
        "Ist der Job schon fertig?",
        "est-ce que ma tâche est finie ?",
        "o meu job terminou?"
      })
  void questions_about_running_jobs_are_status(String text) {
    assertClass(text, RequestClass.STATUS);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "what is a hash map?",
        "convert 100 kilometers to miles",
        "thanks a lot!",
        "what's the status code for not found?",
        "¿qué es una variable?",
        "Was ist eine Klasse in Java?",
        "comment trier une liste en Python ?"
      })
  void single_questions_are_fast(String text) {
    assertClass(text, RequestClass.FAST);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "implement a REST API for invoices with tests",
        "the checkout tests are failing, find the bug and fix it",
        "migrate the project from Java 11 to Java 21",
        "implementa un servicio REST con tests",
        "Behebe den fehlschlagenden Test im Login-Modul"
      })
  void multi_step_coding_work_is_deep(String text) {
    assertClass(text, RequestClass.DEEP);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "what's the latest version of Python?",
        "compare Kafka and Pulsar with recent benchmarks and sources",
        "find papers about retrieval augmented generation",
        "¿cuál es la última versión de Java?",
        "quelle est la dernière version de Node.js ?"
      })
  void questions_needing_current_information_are_research(String text) {
    assertClass(text, RequestClass.RESEARCH);
  }

  @Test
  void verdict_names_the_nearest_exemplar_and_a_probability() {
    Classification verdict = classifier.classify("the signup test is red, please repair it");

    assertThat(verdict.tier()).isEqualTo("embedding");
    assertThat(verdict.reason()).matches("nearest: '.+' \\([01]\\.\\d\\d\\)");
    assertThat(verdict.confidence()).isBetween(0.25, 1.0);
  }

  @Test
  void clear_cases_are_confident_and_unclear_ones_are_not() {
    double clear = classifier.classify("what is the status of my job?").confidence();
    double unclear = classifier.classify("hmm").confidence();

    assertThat(clear).isGreaterThan(0.8);
    assertThat(unclear).isLessThan(clear);
  }

  @Test
  void pasted_code_does_not_drown_the_instruction() {
    String code = "```java\n" + "int total = price * quantity;\n".repeat(200) + "```\n";

    assertClass(code + "what does this code do?", RequestClass.FAST);
    assertClass(
        code + "refactor this class into smaller services and add tests", RequestClass.DEEP);
  }

  @Test
  void classifies_by_the_exemplars_it_is_given() {
    EmbeddingClassifier tiny =
        new EmbeddingClassifier(
            SharedClassifier.embeddings(),
            List.of(
                new LabeledPrompt("is the job finished", RequestClass.STATUS),
                new LabeledPrompt("what is a pointer", RequestClass.FAST),
                new LabeledPrompt("build a web shop with tests", RequestClass.DEEP),
                new LabeledPrompt("latest news about Linux", RequestClass.RESEARCH)));

    assertThat(tiny.classify("has the job finished?").requestClass())
        .isEqualTo(RequestClass.STATUS);
    assertThat(tiny.classify("recent news on the Linux kernel").requestClass())
        .isEqualTo(RequestClass.RESEARCH);
  }

  @Test
  void shipped_exemplars_cover_every_class_and_several_languages() {
    List<LabeledPrompt> exemplars = EmbeddingClassifier.defaultExemplars();
    Map<RequestClass, Long> perClass =
        exemplars.stream()
            .collect(Collectors.groupingBy(LabeledPrompt::requestClass, Collectors.counting()));

    assertThat(perClass).containsOnlyKeys(RequestClass.values());
    assertThat(perClass.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(80));
    assertThat(exemplars.stream().map(LabeledPrompt::text))
        .doesNotHaveDuplicates()
        .anyMatch(t -> t.contains("¿"))
        .anyMatch(t -> t.contains("ß") || t.contains("ä") || t.contains("ü"))
        .anyMatch(t -> t.contains("é") || t.contains("è"))
        .anyMatch(t -> t.contains("ã") || t.contains("ç"))
        .anyMatch(
            t ->
                t.chars()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
  }

  private void assertClass(String text, RequestClass expected) {
    Classification verdict = classifier.classify(text);
    assertThat(verdict.requestClass())
        .as("class of '%s' (%s, %.2f)", text, verdict.reason(), verdict.confidence())
        .isEqualTo(expected);
  }
}
