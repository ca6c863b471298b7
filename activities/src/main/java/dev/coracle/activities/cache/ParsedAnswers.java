package dev.coracle.activities.cache;

import dev.coracle.workflows.chat.ChatResult;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of the cache rows read most recently, parsed, by row id: a repeated question is
 * served without parsing its stored JSON again (about a sixth of a same-text hit's own work). A
 * row's answer never changes (a refreshed answer is a new row with a new id), so an id names one
 * answer for as long as it exists, and the read that found the row says it still does.
 */
final class ParsedAnswers {

  /** Rows remembered; the least recently used is forgotten first. */
  static final int SIZE = 64;

  private final Map<Long, ChatResult> answers =
      new LinkedHashMap<>(SIZE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ChatResult> eldest) {
          return size() > SIZE;
        }
      };

  /**
   * The answer of row {@code id}, parsed from {@code json} unless it was before; null if broken.
   */
  ChatResult read(long id, String json) {
    synchronized (answers) {
      ChatResult known = answers.get(id);
      if (known != null) {
        return known;
      }
    }
    ChatResult result;
    try {
      result = ResultJson.read(json);
    } catch (UncheckedIOException e) {
      return null;
    }
    synchronized (answers) {
      answers.put(id, result);
    }
    return result;
  }
}
