package dev.coracle.activities.classify;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The second classifier tier: the prompt's sentence embedding against a labeled exemplar set. Two
 * views of the same vectors are blended: a softmax head trained on the exemplars at construction
 * (it learns which directions of the embedding space separate the classes) and a
 * similarity-weighted vote of the nearest exemplars (it keeps close paraphrases right). Everything
 * runs in process; construction embeds and trains once, classification is one embedding plus a few
 * hundred dot products.
 */
public final class EmbeddingClassifier {
  public static final String TIER = "embedding";
  static final String EXEMPLARS = "exemplars.jsonl";
  static final RequestClass[] CLASSES = RequestClass.values();

  /**
   * How the two views are built and blended; the defaults are what cross-validated best on the
   * exemplars.
   *
   * @param neighbours how many nearest exemplars vote
   * @param temperature how much more a closer neighbour's vote counts: weights are exp(sim / t)
   * @param neighbourWeight the share of the neighbour vote in the blend; the rest is the softmax
   *     head
   * @param l2 the softmax head's weight decay
   * @param epochs the softmax head's training passes
   * @param sharpness the blend is raised to this power and renormalised, so that its top
   *     probability tracks how often it is right (the blend of two soft views is under-confident)
   */
  record Params(
      int neighbours,
      double temperature,
      double neighbourWeight,
      double l2,
      int epochs,
      double sharpness) {
    static final Params DEFAULT = new Params(10, 0.1, 0.3, 3e-3, 150, 2.5);
  }

  /**
   * Per-class probabilities (indexed by {@link RequestClass#ordinal()}) and the nearest exemplar.
   */
  record Scores(double[] probabilities, LabeledPrompt nearest, double similarity) {}

  private final LocalEmbeddings embeddings;
  private final List<LabeledPrompt> exemplars;
  private final List<float[]> vectors;
  private final int[] labels;
  private final SoftmaxHead head;
  private final Params params;

  /** Uses the exemplar set shipped in the jar. */
  public EmbeddingClassifier(LocalEmbeddings embeddings) {
    this(embeddings, defaultExemplars());
  }

  public EmbeddingClassifier(LocalEmbeddings embeddings, List<LabeledPrompt> exemplars) {
    this(embeddings, exemplars, Params.DEFAULT);
  }

  EmbeddingClassifier(LocalEmbeddings embeddings, List<LabeledPrompt> exemplars, Params params) {
    this(embeddings, exemplars, embedExemplars(embeddings, exemplars), params);
  }

  /** With the exemplars' vectors already computed, as {@link #embedExemplars} makes them. */
  EmbeddingClassifier(
      LocalEmbeddings embeddings,
      List<LabeledPrompt> exemplars,
      List<float[]> vectors,
      Params params) {
    if (exemplars.isEmpty() || exemplars.size() != vectors.size()) {
      throw new IllegalArgumentException("the embedding classifier needs embedded exemplars");
    }
    this.embeddings = embeddings;
    this.exemplars = List.copyOf(exemplars);
    this.vectors = List.copyOf(vectors);
    this.params = params;
    this.labels = exemplars.stream().mapToInt(e -> e.requestClass().ordinal()).toArray();
    this.head =
        SoftmaxHead.train(this.vectors, labels, CLASSES.length, params.l2(), params.epochs());
  }

  /**
   * The exemplars' vectors, embedded in one batch. An exemplar with nothing left to read once
   * prepared (a lone "?") gets the zero vector, as {@link LocalEmbeddings#embed} gives it: it is
   * similar to nothing, and the n-gram classifier still learns from it.
   */
  static List<float[]> embedExemplars(LocalEmbeddings embeddings, List<LabeledPrompt> exemplars) {
    List<String> texts = exemplars.stream().map(e -> TextPrep.forEmbedding(e.text())).toList();
    List<String> readable = texts.stream().filter(LocalEmbeddings::canRead).toList();
    Iterator<float[]> embedded = embeddings.embedAll(readable).iterator();
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (String text : texts) {
      vectors.add(
          LocalEmbeddings.canRead(text) ? embedded.next() : new float[LocalEmbeddings.DIMENSIONS]);
    }
    return vectors;
  }

  /** The exemplar set shipped in the jar. */
  public static List<LabeledPrompt> defaultExemplars() {
    try (InputStream in = EmbeddingClassifier.class.getResourceAsStream(EXEMPLARS)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + EXEMPLARS);
      }
      return LabeledPrompt.readJsonl(in, EXEMPLARS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<LabeledPrompt> exemplars() {
    return exemplars;
  }

  public Classification classify(String text) {
    Scores scores = scores(text);
    int best = argmax(scores.probabilities());
    return new Classification(
        CLASSES[best],
        scores.probabilities()[best],
        TIER,
        "nearest: '"
            + abbreviate(scores.nearest().text())
            + "' ("
            + String.format(Locale.ROOT, "%.2f", scores.similarity())
            + ")");
  }

  /**
   * The exemplar most similar to {@code text} and its cosine similarity, on the same prepared text
   * the classifier embeds.
   */
  public Nearest nearest(String text) {
    Scores scores = scores(text);
    return new Nearest(scores.nearest(), scores.similarity());
  }

  /** An exemplar and its cosine similarity to a prompt. */
  public record Nearest(LabeledPrompt exemplar, double similarity) {}

  Scores scores(String text) {
    return ofEmbeddingText(TextPrep.forEmbedding(text));
  }

  /** Scores a prompt already prepared by {@link TextPrep#forEmbedding}. */
  Scores ofEmbeddingText(String embeddingText) {
    return scores(embeddings.embed(embeddingText));
  }

  /** Scores a prompt already embedded from {@link TextPrep#forEmbedding}. */
  Scores scores(float[] query) {
    double[] similarities = new double[vectors.size()];
    for (int i = 0; i < similarities.length; i++) {
      similarities[i] = LocalEmbeddings.cosine(query, vectors.get(i));
    }
    int[] top = topIndexes(similarities, params.neighbours());
    double[] vote = new double[CLASSES.length];
    double total = 0;
    for (int i : top) {
      // Relative to the best match, so the weights stay finite for any temperature.
      double weight = Math.exp((similarities[i] - similarities[top[0]]) / params.temperature());
      vote[labels[i]] += weight;
      total += weight;
    }
    double[] learned = head.probabilities(query);
    double[] logits = new double[CLASSES.length];
    double mix = params.neighbourWeight();
    for (int c = 0; c < logits.length; c++) {
      double blended = (1 - mix) * learned[c] + mix * vote[c] / total;
      logits[c] = params.sharpness() * Math.log(Math.max(blended, 1e-9));
    }
    return new Scores(SoftmaxHead.softmax(logits), exemplars.get(top[0]), similarities[top[0]]);
  }

  static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The indexes of the {@code k} largest values, largest first. */
  private static int[] topIndexes(double[] values, int k) {
    int[] top = new int[Math.min(k, values.length)];
    int filled = 0;
    for (int i = 0; i < values.length; i++) {
      int slot = filled < top.length ? filled++ : top.length;
      while (slot > 0 && values[top[slot - 1]] < values[i]) {
        if (slot < top.length) {
          top[slot] = top[slot - 1];
        }
        slot--;
      }
      if (slot < top.length) {
        top[slot] = i;
      }
    }
    return top;
  }

  static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
