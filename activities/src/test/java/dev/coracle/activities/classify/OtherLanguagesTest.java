package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prompts in languages the sentence embedding model never learned, classified by the whole
 * classifier as it ships: the n-grams trained on exemplars in those languages and their weak rules
 * decide, not the embedding's nearest exemplar in a third language. None of these prompts is in an
 * exemplar or eval file.
 */
class OtherLanguagesTest {
  private final TieredClassifier classifier = SharedClassifier.get();

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Běží ještě ten job s aktualizací závislostí?|STATUS",
        "Vilka jobb har misslyckats i dag?|STATUS",
        "Яка різниця між процесом і потоком?|FAST",
        "Python में string को reverse कैसे करें?|FAST",
        "ما الفرق بين HTTP/1.1 و HTTP/2؟|FAST",
        "Tambahkan endpoint untuk upload avatar ke API kami dan tulis test-nya.|DEEP",
        "Hãy so sánh Svelte, Solid và Qwik cho dự án mới của chúng tôi rồi đề xuất một cái.|RESEARCH"
      })
  void are_routed_by_their_own_words(String text, RequestClass expected) {
    Classification verdict = classifier.classify(text);

    assertThat(verdict.requestClass()).as(verdict.reason()).isEqualTo(expected);
  }
}
