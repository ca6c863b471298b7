package dev.coracle.activities.classify;

import java.util.List;

/**
 * A multinomial logistic regression over sentence embeddings, trained in memory on the exemplars.
 * Full-batch gradient descent from zero weights, so training is deterministic: the same exemplars
 * always give the same classifier.
 */
final class SoftmaxHead {
  private static final double RATE = 2.0;
  private static final double MOMENTUM = 0.9;

  private final int classes;
  private final int dimensions;
  private final double[][] weights;
  private final double[] bias;

  private SoftmaxHead(int classes, int dimensions) {
    this.classes = classes;
    this.dimensions = dimensions;
    this.weights = new double[classes][dimensions];
    this.bias = new double[classes];
  }

  /**
   * Trains on unit-length vectors and their class indexes with Nesterov momentum, which reaches in
   * ~150 passes what plain gradient descent needs ~1000 for.
   *
   * @param l2 the weight decay; small values fit the exemplars closely
   */
  static SoftmaxHead train(
      List<float[]> vectors, int[] labels, int classes, double l2, int epochs) {
    int dimensions = vectors.get(0).length;
    SoftmaxHead head = new SoftmaxHead(classes, dimensions);
    SoftmaxHead velocity = new SoftmaxHead(classes, dimensions);
    SoftmaxHead lookahead = new SoftmaxHead(classes, dimensions);
    SoftmaxHead gradient = new SoftmaxHead(classes, dimensions);
    for (int epoch = 0; epoch < epochs; epoch++) {
      lookahead.set(head, velocity, MOMENTUM);
      lookahead.gradient(vectors, labels, l2, gradient);
      velocity.set(velocity, gradient, -RATE / MOMENTUM);
      velocity.scale(MOMENTUM);
      head.set(head, velocity, 1);
    }
    return head;
  }

  /**
   * Writes into {@code out} the gradient of the mean cross-entropy plus weight decay at this head.
   */
  private void gradient(List<float[]> vectors, int[] labels, double l2, SoftmaxHead out) {
    int n = vectors.size();
    for (int c = 0; c < classes; c++) {
      for (int d = 0; d < dimensions; d++) {
        out.weights[c][d] = l2 * weights[c][d];
      }
      out.bias[c] = 0;
    }
    for (int i = 0; i < n; i++) {
      float[] x = vectors.get(i);
      double[] p = probabilities(x);
      for (int c = 0; c < classes; c++) {
        double g = (p[c] - (labels[i] == c ? 1 : 0)) / n;
        double[] gw = out.weights[c];
        for (int d = 0; d < dimensions; d++) {
          gw[d] += g * x[d];
        }
        out.bias[c] += g;
      }
    }
  }

  /** this = a + factor * b, element by element. */
  private void set(SoftmaxHead a, SoftmaxHead b, double factor) {
    for (int c = 0; c < classes; c++) {
      for (int d = 0; d < dimensions; d++) {
        weights[c][d] = a.weights[c][d] + factor * b.weights[c][d];
      }
      bias[c] = a.bias[c] + factor * b.bias[c];
    }
  }

  private void scale(double factor) {
    set(this, this, factor - 1);
  }

  /** The probability of each class for one unit-length vector. */
  double[] probabilities(float[] x) {
    double[] logits = new double[classes];
    for (int c = 0; c < classes; c++) {
      double[] w = weights[c];
      double z = bias[c];
      for (int d = 0; d < dimensions; d++) {
        z += w[d] * x[d];
      }
      logits[c] = z;
    }
    return softmax(logits);
  }

  static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double z : logits) {
      max = Math.max(max, z);
    }
    double sum = 0;
    double[] p = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
