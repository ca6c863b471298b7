package dev.coracle.activities.cache;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.SamplingParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cache keys of the conversations seen last. A repeated question is the cache's commonest hit,
 * and building its key (normalizing every turn, reading the exact words with regular expressions,
 * two SHA-256 digests) was about 40 % of a same-text lookup; a chat that misses builds the same key
 * again to store the model's answer. A key is a pure function of the model name, the turns and the
 * sampling settings, so an equal conversation gets the remembered key. Small and in memory only.
 */
final class CacheKeyMemo {

  static final int CAPACITY = 128;

  /**
   * Longer conversations are not remembered, so the memo holds at most about a megabyte of text;
   * their key costs little next to what such a prompt costs anyway (an exact-only prompt).
   */
  static final int MAX_CHARS = 4_000;

  /** What a key is made from, compared by value: records and lists all the way down. */
  private record Asked(String model, List<ChatMessage> messages, SamplingParams params) {}

  private final Map<Asked, CacheKey> recent =
      new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Asked, CacheKey> eldest) {
          return size() > CAPACITY;
        }
      };

  /** {@link CacheKey#of} for {@code request}, built only when it is not remembered. */
  CacheKey of(ChatRequest request) {
    if (!small(request.messages())) {
      return CacheKey.of(request);
    }
    Asked asked = new Asked(request.model(), request.messages(), request.params());
    synchronized (recent) {
      CacheKey known = recent.get(asked);
      if (known != null) {
        return known;
      }
    }
    CacheKey key = CacheKey.of(request);
    synchronized (recent) {
      recent.put(asked, key);
    }
    return key;
  }

  private static boolean small(List<ChatMessage> messages) {
    long chars = 0;
    for (ChatMessage message : messages) {
      chars += message.content() == null ? 0 : message.content().length();
      for (var call : message.toolCallsOrEmpty()) {
        chars += call.arguments() == null ? 0 : call.arguments().length();
      }
      if (chars > MAX_CHARS) {
        return false;
      }
    }
    return true;
  }
}
