package dev.coracle.activities.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The embeddings of the prompts seen last. A chat that misses the cache embeds its prompt for the
 * lookup and again for the store once a model has answered; this keeps the second one from being
 * computed again. Small and in memory only: an embedding is a pure function of its text.
 */
final class EmbeddingMemo {

  /** About 400 KB of vectors at MiniLM's 384 dimensions. */
  static final int CAPACITY = 256;

  private final Map<String, float[]> recent =
      new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > CAPACITY;
        }
      };

  /** The embedding of {@code text}, computed by {@code embed} only when it is not remembered. */
  float[] embedding(String text, Function<String, float[]> embed) {
    synchronized (recent) {
      float[] known = recent.get(text);
      if (known != null) {
        return known;
      }
    }
    // Outside the lock: embedding takes milliseconds, and two threads computing the same text at
    // once get the same vector.
    float[] vector = embed.apply(text);
    synchronized (recent) {
      recent.put(text, vector);
    }
    return vector;
  }
}
