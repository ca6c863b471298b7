package dev.coracle.activities.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real MiniLM model on text its tokenizer finds nothing in. */
class LocalEmbeddingsTest {
  static LocalEmbeddings embeddings;

  @BeforeAll
  static void load() {
    embeddings = new LocalEmbeddings();
  }

  @AfterAll
  static void release() {
    embeddings = null;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " \t\n", "\u0000", "\ufffd", "\u200b\ufeff", "\u0301", "\ue000", "\ud800"})
  void text_with_nothing_to_read_is_the_zero_vector(String text) {
    assertThat(LocalEmbeddings.canRead(text)).isFalse();
    assertThat(embeddings.embed(text)).containsOnly(0f).hasSize(LocalEmbeddings.DIMENSIONS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "caf\u00e9", "\u00e9", "\u4e2d", "!", "\ud83d\ude00", "x\u0000"})
  void text_with_something_to_read_is_embedded(String text) {
    assertThat(LocalEmbeddings.canRead(text)).isTrue();
    float[] vector = embeddings.embed(text);
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void a_batch_with_an_unreadable_text_is_refused() {
    assertThatThrownBy(() -> embeddings.embedBatch(List.of("fine", "\ufffd")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("text 1");
  }
}
