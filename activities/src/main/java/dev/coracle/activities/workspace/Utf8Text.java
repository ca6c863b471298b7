package dev.coracle.activities.workspace;

import java.nio.charset.StandardCharsets;

/**
 * Size bounds are in UTF-8 bytes, as prompts and payloads are measured; cuts keep whole characters
 * so a cut never leaves a broken one behind.
 */
public final class Utf8Text {

  private Utf8Text() {}

  public static int bytes(String text) {
    return Math.toIntExact(text.codePoints().mapToLong(Utf8Text::width).sum());
  }

  /** The longest prefix of {@code text} of at most {@code maxBytes}. */
  public static String head(String text, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      bytes += width(codePoint);
      if (bytes > maxBytes) {
        break;
      }
      i += Character.charCount(codePoint);
    }
    return text.substring(0, i);
  }

  /** The longest suffix of {@code text} of at most {@code maxBytes}. */
  public static String tail(String text, int maxBytes) {
    int bytes = 0;
    int i = text.length();
    while (i > 0) {
      int codePoint = text.codePointBefore(i);
      bytes += width(codePoint);
      if (bytes > maxBytes) {
        break;
      }
      i -= Character.charCount(codePoint);
    }
    return text.substring(i);
  }

  /** Like {@link #head}, but ends after a line break when the kept part has one. */
  public static String headLines(String text, int maxBytes) {
    String head = head(text, maxBytes);
    if (head.length() == text.length()) {
      return head;
    }
    int newline = head.lastIndexOf('\n');
    return newline > 0 ? head.substring(0, newline + 1) : head;
  }

  public static byte[] encode(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static int width(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }
}
