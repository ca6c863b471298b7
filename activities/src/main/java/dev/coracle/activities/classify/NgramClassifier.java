package dev.coracle.activities.classify;

import java.util.List;

/**
 * Classifies a prompt by its word and character n-grams ({@link NgramFeatures}) with a linear model
 * trained on the exemplars when it is built. No model file, no native code: building it takes well
 * under a second and a verdict takes microseconds.
 */
final class NgramClassifier {
  /** Weight decay and passes, chosen by cross-validation on the exemplars. */
  static final double L2 = 1e-4;

  static final int EPOCHS = 120;

  private final NgramHead head;

  NgramClassifier(List<LabeledPrompt> exemplars) {
    List<NgramFeatures.Sparse> vectors =
        exemplars.stream().map(e -> NgramFeatures.of(TextPrep.normalize(e.text()))).toList();
    int[] labels = exemplars.stream().mapToInt(e -> e.requestClass().ordinal()).toArray();
    this.head = NgramHead.train(vectors, labels, EmbeddingClassifier.CLASSES.length, L2, EPOCHS);
  }

  /**
   * Per-class probabilities, indexed by {@link dev.coracle.workflows.chat.RequestClass#ordinal}.
   */
  double[] probabilities(String text) {
    return ofNormalized(TextPrep.normalize(text));
  }

  /** Like {@link #probabilities} for a prompt already normalized by {@link TextPrep}. */
  double[] ofNormalized(String normalized) {
    return head.probabilities(NgramFeatures.of(normalized));
  }
}
