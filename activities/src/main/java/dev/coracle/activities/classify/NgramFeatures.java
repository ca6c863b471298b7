package dev.coracle.activities.classify;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Word and character n-grams of a prompt, hashed into a fixed number of buckets. They see what a
 * sentence embedding blurs: the exact verbs and words that mark a request ("implement", "with
 * sources", "is my job"), word endings in other languages, and Chinese characters the embedding
 * model reads as unknown tokens. A prompt becomes a sparse, unit-length vector.
 */
final class NgramFeatures {
  /** 2^18 buckets: few enough to train in milliseconds, enough that collisions rarely matter. */
  static final int BUCKETS = 1 << 18;

  private static final int MIN_CHAR_GRAM = 2;
  private static final int MAX_CHAR_GRAM = 4;

  /** A sparse vector: bucket indexes (ascending) and their weights. */
  record Sparse(int[] indexes, float[] values) {}

  private NgramFeatures() {}

  /** The features of a prompt already normalized by {@link TextPrep#normalize}. */
  static Sparse of(String normalized) {
    Map<Integer, Float> counts = new HashMap<>();
    String[] words = normalized.isEmpty() ? new String[0] : normalized.split(" ");
    counts.merge(bucket("bias", ""), 1f, Float::sum);
    for (int i = 0; i < words.length; i++) {
      counts.merge(bucket("w", words[i]), 1f, Float::sum);
      if (i + 1 < words.length) {
        counts.merge(bucket("b", words[i] + " " + words[i + 1]), 1f, Float::sum);
      }
    }
    // The first two words carry the request's mood: "is my ...", "implement ...", "what is ...".
    if (words.length > 0) {
      counts.merge(bucket("first", words[0]), 1f, Float::sum);
      if (words.length > 1) {
        counts.merge(bucket("first2", words[0] + " " + words[1]), 1f, Float::sum);
      }
    }
    String padded = " " + normalized + " ";
    for (int n = MIN_CHAR_GRAM; n <= MAX_CHAR_GRAM; n++) {
      for (int i = 0; i + n <= padded.length(); i++) {
        counts.merge(bucket("c", padded.substring(i, i + n)), 0.5f, Float::sum);
      }
    }
    return unitLength(counts);
  }

  private static Sparse unitLength(Map<Integer, Float> counts) {
    int[] indexes = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    float[] values = new float[indexes.length];
    double norm = 0;
    for (int i = 0; i < indexes.length; i++) {
      // Sub-linear counts: a word said five times is not five times the evidence.
      values[i] = (float) Math.log1p(counts.get(indexes[i]));
      norm += values[i] * values[i];
    }
    float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < values.length; i++) {
      values[i] *= scale;
    }
    return new Sparse(indexes, values);
  }

  /** FNV-1a over the kind and the gram, so a word and a character gram never share a bucket. */
  static int bucket(String kind, String gram) {
    int hash = 0x811c9dc5;
    for (byte b : (kind + '\u0001' + gram).getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return Math.floorMod(hash, BUCKETS);
  }
}
