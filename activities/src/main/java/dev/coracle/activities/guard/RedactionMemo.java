package dev.coracle.activities.guard;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The redactions of recently sent texts, so that a text sent again is not scanned again. A
 * conversation is sent whole on every turn (a coding agent's long system prompt and its history
 * with every request), and the same question comes back often; scanning it with every rule costs
 * more than the rest of the call. Redaction depends on the text alone (the rules are fixed when
 * {@link Guardrails} is built), so a remembered result is the result.
 *
 * <p>Bounded by the characters it holds (texts and their redactions), least recently used first
 * out; a text longer than a quarter of the budget is scanned every time and not kept. Empty until
 * the first cloud call.
 */
final class RedactionMemo {

  /** About 2 MB of text at most (a Java string of Latin-1 text takes a byte a character). */
  static final int DEFAULT_MAX_CHARS = 2 << 20;

  private final long maxChars;
  private final LinkedHashMap<String, Redacted> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long chars;

  RedactionMemo(long maxChars) {
    this.maxChars = maxChars;
  }

  /** The redaction of {@code text}: remembered, or made by {@code redaction} and remembered. */
  Redacted redact(String text, Function<String, Redacted> redaction) {
    synchronized (this) {
      Redacted known = entries.get(text);
      if (known != null) {
        return known;
      }
    }
    // Scanned outside the lock: two threads may scan the same new text, both get the same answer.
    Redacted fresh = redaction.apply(text);
    long size = (long) text.length() + fresh.text().length();
    if (size <= maxChars / 4) {
      remember(text, fresh, size);
    }
    return fresh;
  }

  private synchronized void remember(String text, Redacted redacted, long size) {
    Redacted replaced = entries.put(text, redacted);
    if (replaced != null) {
      chars -= (long) text.length() + replaced.text().length();
    }
    chars += size;
    Iterator<Map.Entry<String, Redacted>> oldest = entries.entrySet().iterator();
    while (chars > maxChars && oldest.hasNext()) {
      Map.Entry<String, Redacted> entry = oldest.next();
      chars -= (long) entry.getKey().length() + entry.getValue().text().length();
      oldest.remove();
    }
  }

  /** How many texts are remembered; for tests. */
  synchronized int size() {
    return entries.size();
  }
}
