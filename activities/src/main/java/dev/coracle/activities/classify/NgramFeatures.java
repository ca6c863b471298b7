package dev.coracle.activities.classify;

import java.util.Arrays;

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
    Counts counts = new Counts(normalized.length() * 3 + 16);
    String[] words = normalized.isEmpty() ? new String[0] : normalized.split(" ");
    counts.add(bucket("bias", ""), 1f);
    for (int i = 0; i < words.length; i++) {
      counts.add(bucket("w", words[i]), 1f);
      if (i + 1 < words.length) {
        counts.add(bucket("b", words[i] + " " + words[i + 1]), 1f);
      }
    }
    // The first two words carry the request's mood: "is my ...", "implement ...", "what is ...".
    if (words.length > 0) {
      counts.add(bucket("first", words[0]), 1f);
      if (words.length > 1) {
        counts.add(bucket("first2", words[0] + " " + words[1]), 1f);
      }
    }
    // Character grams are most of the features: hashed in place, without a string for each.
    String padded = " " + normalized + " ";
    for (int n = MIN_CHAR_GRAM; n <= MAX_CHAR_GRAM; n++) {
      for (int i = 0; i + n <= padded.length(); i++) {
        counts.add(bucket("c", padded, i, i + n), 0.5f);
      }
    }
    return counts.unitLength();
  }

  /**
   * Weights per bucket, summed in the order they were added. Primitive arrays rather than a map of
   * boxed numbers: a long prompt has thousands of grams, and their garbage showed in the tail
   * latency.
   */
  private static final class Counts {
    private int[] buckets;
    private float[] weights;
    private int size;

    Counts(int capacity) {
      buckets = new int[capacity];
      weights = new float[capacity];
    }

    void add(int bucket, float weight) {
      if (size == buckets.length) {
        buckets = Arrays.copyOf(buckets, size * 2);
        weights = Arrays.copyOf(weights, size * 2);
      }
      buckets[size] = bucket;
      weights[size] = weight;
      size++;
    }

    Sparse unitLength() {
      long[] order = new long[size];
      for (int i = 0; i < size; i++) {
        order[i] = ((long) buckets[i] << 32) | i;
      }
      Arrays.sort(order);
      int[] indexes = new int[size];
      float[] values = new float[size];
      int distinct = 0;
      for (long key : order) {
        int bucket = (int) (key >>> 32);
        float weight = weights[(int) key];
        if (distinct > 0 && indexes[distinct - 1] == bucket) {
          values[distinct - 1] += weight;
        } else {
          indexes[distinct] = bucket;
          values[distinct] = weight;
          distinct++;
        }
      }
      double norm = 0;
      for (int i = 0; i < distinct; i++) {
        // Sub-linear counts: a word said five times is not five times the evidence.
        values[i] = (float) Math.log1p(values[i]);
        norm += values[i] * values[i];
      }
      float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < distinct; i++) {
        values[i] *= scale;
      }
      return new Sparse(Arrays.copyOf(indexes, distinct), Arrays.copyOf(values, distinct));
    }
  }

  /** FNV-1a over the kind and the gram, so a word and a character gram never share a bucket. */
  static int bucket(String kind, String gram) {
    return bucket(kind, gram, 0, gram.length());
  }

  /**
   * The bucket of {@code text[from, to)}: the same FNV-1a over the UTF-8 bytes of {@code kind +
   * '\u0001' + gram} as {@code getBytes} gives them (a surrogate cut off by the range is a '?'),
   * without building the string.
   */
  static int bucket(String kind, String text, int from, int to) {
    int hash = FNV_OFFSET;
    for (int i = 0; i < kind.length(); i++) {
      hash = fnv(hash, kind.charAt(i));
    }
    hash = fnv(hash, 1);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int codePoint = c;
      if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        codePoint = Character.toCodePoint(c, text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        codePoint = '?';
      }
      hash = utf8(hash, codePoint);
    }
    return Math.floorMod(hash, BUCKETS);
  }

  private static final int FNV_OFFSET = 0x811c9dc5;

  private static int fnv(int hash, int octet) {
    return (hash ^ (octet & 0xff)) * 0x01000193;
  }

  private static int utf8(int hash, int codePoint) {
    if (codePoint < 0x80) {
      return fnv(hash, codePoint);
    }
    if (codePoint < 0x800) {
      return fnv(fnv(hash, 0xc0 | (codePoint >> 6)), 0x80 | (codePoint & 0x3f));
    }
    if (codePoint < 0x10000) {
      hash = fnv(hash, 0xe0 | (codePoint >> 12));
      return fnv(fnv(hash, 0x80 | ((codePoint >> 6) & 0x3f)), 0x80 | (codePoint & 0x3f));
    }
    hash = fnv(hash, 0xf0 | (codePoint >> 18));
    hash = fnv(hash, 0x80 | ((codePoint >> 12) & 0x3f));
    return fnv(fnv(hash, 0x80 | ((codePoint >> 6) & 0x3f)), 0x80 | (codePoint & 0x3f));
  }
}
