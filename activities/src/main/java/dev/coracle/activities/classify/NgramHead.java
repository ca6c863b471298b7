package dev.coracle.activities.classify;

import java.util.List;

/**
 * A multinomial logistic regression over {@link NgramFeatures}, trained in memory on the exemplars
 * with full-batch gradient descent from zero weights: the same exemplars always give the same
 * model. Scoring a prompt is a few hundred multiply-adds, microseconds.
 */
final class NgramHead {
  private static final double RATE = 4.0;
  private static final double MOMENTUM = 0.9;

  private final int classes;
  private final float[][] weights;

  private NgramHead(int classes) {
    this.classes = classes;
    this.weights = new float[classes][NgramFeatures.BUCKETS];
  }

  /**
   * Trains with momentum on unit-length sparse vectors and their class indexes.
   *
   * @param l2 the weight decay, applied to the weights the exemplars touch
   */
  static NgramHead train(
      List<NgramFeatures.Sparse> vectors, int[] labels, int classes, double l2, int epochs) {
    NgramHead head = new NgramHead(classes);
    float[][] velocity = new float[classes][NgramFeatures.BUCKETS];
    float[][] gradient = new float[classes][NgramFeatures.BUCKETS];
    int n = vectors.size();
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (float[] row : gradient) {
        java.util.Arrays.fill(row, 0f);
      }
      for (int i = 0; i < n; i++) {
        NgramFeatures.Sparse x = vectors.get(i);
        double[] p = head.probabilities(x);
        for (int c = 0; c < classes; c++) {
          float g = (float) ((p[c] - (labels[i] == c ? 1 : 0)) / n);
          int[] indexes = x.indexes();
          float[] values = x.values();
          for (int k = 0; k < indexes.length; k++) {
            gradient[c][indexes[k]] += g * values[k];
          }
        }
      }
      for (int c = 0; c < classes; c++) {
        float[] w = head.weights[c];
        float[] v = velocity[c];
        float[] g = gradient[c];
        for (int d = 0; d < w.length; d++) {
          if (g[d] == 0f && w[d] == 0f && v[d] == 0f) {
            continue;
          }
          v[d] = (float) (MOMENTUM * v[d] - RATE * (g[d] + l2 * w[d]));
          w[d] += v[d];
        }
      }
    }
    return head;
  }

  /** The probability of each class for one prompt's features. */
  double[] probabilities(NgramFeatures.Sparse x) {
    double[] logits = new double[classes];
    int[] indexes = x.indexes();
    float[] values = x.values();
    for (int c = 0; c < classes; c++) {
      float[] w = weights[c];
      double z = 0;
      for (int k = 0; k < indexes.length; k++) {
        z += w[indexes[k]] * values[k];
      }
      logits[c] = z;
    }
    return SoftmaxHead.softmax(logits);
  }
}
