package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.RequestClass;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgramClassifierTest {

  @Test
  void normalizing_folds_case_contractions_punctuation_and_agent_context() {
    assertThat(TextPrep.normalize("What's  the STATUS of job 7f3a?!"))
        .isEqualTo("what is the status of job 7f3a ?");
    assertThat(TextPrep.normalize("I don\u2019t get it, why?")).isEqualTo("i do not get it why ?");
    assertThat(
            TextPrep.normalize(
                "<environment_context>\n  <cwd>/home/me</cwd>\n</environment_context>\nfix the"
                    + " build"))
        .isEqualTo("fix the build");
    assertThat(TextPrep.normalize("我的任务完成了吗？")).isEqualTo("我的任务完成了吗 ?");
  }

  @Test
  void features_are_unit_length_and_the_same_for_the_same_text() {
    NgramFeatures.Sparse a = NgramFeatures.of(TextPrep.normalize("is my job done?"));
    NgramFeatures.Sparse b = NgramFeatures.of(TextPrep.normalize("Is my job done"));

    double norm = 0;
    for (float v : a.values()) {
      norm += v * v;
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(a.indexes()).isSorted();
    // Only the question mark differs.
    assertThat(b.indexes().length).isLessThan(a.indexes().length);
  }

  @Test
  void the_model_learns_the_exemplars_it_was_trained_on() {
    List<LabeledPrompt> exemplars =
        List.of(
            new LabeledPrompt("is my job done", RequestClass.STATUS),
            new LabeledPrompt("how far along is the job", RequestClass.STATUS),
            new LabeledPrompt("what is a closure", RequestClass.FAST),
            new LabeledPrompt("what does grep do", RequestClass.FAST),
            new LabeledPrompt("implement oauth login with tests", RequestClass.DEEP),
            new LabeledPrompt("refactor the billing module", RequestClass.DEEP),
            new LabeledPrompt("latest rust release notes with sources", RequestClass.RESEARCH),
            new LabeledPrompt("compare current cloud gpu prices", RequestClass.RESEARCH));
    NgramClassifier classifier = new NgramClassifier(exemplars);

    for (LabeledPrompt exemplar : exemplars) {
      double[] p = classifier.probabilities(exemplar.text());
      assertThat(EmbeddingClassifier.argmax(p))
          .as(exemplar.text())
          .isEqualTo(exemplar.requestClass().ordinal());
    }
  }

  @Test
  void a_gram_hashed_in_place_lands_in_the_bucket_of_its_utf8_bytes() {
    String text = " héllo 世界 ok \uD83D\uDE00 end ";
    for (int n = 1; n <= 4; n++) {
      for (int i = 0; i + n <= text.length(); i++) {
        String gram = text.substring(i, i + n);
        assertThat(NgramFeatures.bucket("c", text, i, i + n))
            .as("gram '%s'", gram)
            .isEqualTo(referenceBucket("c", gram));
      }
    }
  }

  /** FNV-1a over {@code getBytes}, as the features were hashed before they were hashed in place. */
  private static int referenceBucket(String kind, String gram) {
    int hash = 0x811c9dc5;
    for (byte b : (kind + '\u0001' + gram).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return Math.floorMod(hash, NgramFeatures.BUCKETS);
  }
}
