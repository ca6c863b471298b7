package dev.coracle.api.openai;

/**
 * The one rule for free text that arrives in a request body (message content, which includes the
 * text of jobs and of MCP {@code submit_job}, embedding input, classifier text): control characters
 * other than tab, line feed and carriage return are removed, and a lone UTF-16 surrogate becomes
 * U+FFFD. Bytes that are not UTF-8 have already become U+FFFD when the body was decoded.
 *
 * <p>Why remove rather than pass on: models, tokenizers and LangChain4j treat a NUL or an escape
 * character inconsistently (LangChain4j counts any character up to U+0020 as blank, Java does not),
 * and no client sends them on purpose. Identifiers (model, role, ids, tool names) are not cleaned:
 * they are compared exactly, so one with a control character simply matches nothing.
 */
public final class RequestText {
  private static final char REPLACEMENT = '\uFFFD';

  private RequestText() {}

  /** The text with control characters removed and lone surrogates replaced; null stays null. */
  public static String clean(String text) {
    if (text == null || isClean(text)) {
      return text;
    }
    StringBuilder cleaned = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        cleaned.append(c).append(text.charAt(i + 1));
        i++;
      } else if (Character.isSurrogate(c)) {
        cleaned.append(REPLACEMENT);
      } else if (!isRemoved(c)) {
        cleaned.append(c);
      }
    }
    return cleaned.toString();
  }

  private static boolean isClean(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isRemoved(c) || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** C0 controls and DEL, except the three that carry layout. */
  private static boolean isRemoved(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  }
}
