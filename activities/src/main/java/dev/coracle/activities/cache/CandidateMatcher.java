package dev.coracle.activities.cache;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import java.util.List;

/**
 * Scores stored answers against one prompt. Candidates already share its key, so only the wording
 * is left to compare: the embeddings must be similar and {@link PromptGuard} must find that the two
 * prompts agree.
 *
 * @param vector the prompt's embedding, or null when the key alone decides (an exact-only prompt)
 * @param prompt the prompt as {@link CacheKey#promptText()} keeps it
 * @param reading what {@link PromptGuard} reads in {@code prompt}, read at the first candidate
 *     similar enough and then kept for the others
 */
record CandidateMatcher(float[] vector, double threshold, String prompt, ReadOnce reading) {

  CandidateMatcher(float[] vector, double threshold, String prompt) {
    this(vector, threshold, prompt, new ReadOnce(prompt));
  }

  /**
   * The prompt's reading, made when first needed: a store or a lookup with no close candidate needs
   * none.
   */
  static final class ReadOnce {
    private final String prompt;
    private PromptGuard.Reading reading;

    ReadOnce(String prompt) {
      this.prompt = prompt;
    }

    synchronized PromptGuard.Reading get() {
      if (reading == null) {
        reading = PromptGuard.read(prompt);
      }
      return reading;
    }
  }

  /** Cosine similarity is computed in float; an identical prompt may score 0.9999999. */
  private static final double TOLERANCE = 1e-6;

  /** A candidate and how similar its prompt is. */
  record Scored(CacheEntry entry, double similarity) {}

  boolean matches(double similarity) {
    return similarity >= threshold - TOLERANCE;
  }

  /** True when {@code entry} answers this prompt: similar enough, and the guard agrees. */
  boolean matches(CacheEntry entry) {
    return matches(similarity(entry)) && guardAgrees(entry);
  }

  /**
   * Exact-only prompts matched on their whole text already; the guard reads the others. The very
   * same text always answers itself: a prompt the guard would read as disagreeing with itself (both
   * sides of one axis) is still the same question, and a {@code no-cache} refresh of it replaces
   * its answer instead of adding a second row. It also spares the guard's reading on the writer for
   * the commonest refresh, the same prompt again. A stored prompt is cut at {@link
   * SemanticCache#STORED_PROMPT_CHARS}, so only a prompt up to that length can equal it.
   */
  boolean guardAgrees(CacheEntry entry) {
    return vector == null
        || prompt.equals(entry.promptText())
        || PromptGuard.agree(reading.get(), PromptGuard.read(entry.promptText()));
  }

  double similarity(CacheEntry entry) {
    if (vector == null) {
      // The prompt key is a hash of the whole prompt, so an equal key is an equal prompt.
      return entry.embedding() == null ? 1.0 : 0.0;
    }
    if (entry.embedding() == null) {
      return 0.0;
    }
    float[] stored = Vectors.fromBytes(entry.embedding());
    if (stored.length != vector.length) {
      return 0.0;
    }
    return Math.max(-1.0, Math.min(1.0, LocalEmbeddings.cosine(vector, stored)));
  }

  /**
   * The most similar candidate the guard lets through whose answer fits in {@code maxTokens} (when
   * set), the newest on a tie, or null when none fits.
   *
   * @param candidates newest first
   */
  Scored best(List<CacheEntry> candidates, Integer maxTokens) {
    Scored best = null;
    for (CacheEntry entry : candidates) {
      if (maxTokens != null && maxTokens > 0 && entry.completionTokens() > maxTokens) {
        continue;
      }
      double similarity = similarity(entry);
      // The guard reads only candidates close enough to be served; the rest cannot hit anyway.
      if (matches(similarity) && !guardAgrees(entry)) {
        continue;
      }
      if (best == null || similarity > best.similarity()) {
        best = new Scored(entry, similarity);
      }
    }
    return best;
  }
}
