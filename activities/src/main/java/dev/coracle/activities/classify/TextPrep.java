package dev.coracle.activities.classify;

import com.google.re2j.Pattern;

/**
 * Cuts a prompt down to the words that say what the user wants. Pasted code and file contents say
 * little about the kind of request and would drown the instruction in a sentence embedding; very
 * long prompts are also slow to embed, so only their head and tail are kept.
 *
 * <p>The patterns are RE2: a prompt can hold a file the client read, and with backtracking a
 * megabyte of unclosed {@code <system-reminder>} tags took minutes.
 */
final class TextPrep {
  static final int MAX_CHARS = 700;
  private static final int HEAD_CHARS = 450;

  private static final Pattern REMINDERS =
      Pattern.compile("(?s)<system-reminder>.*?</system-reminder>");
  private static final Pattern FENCED = Pattern.compile("(?s)```.*?(```|$)");
  private static final Pattern FILE_TAGS =
      Pattern.compile(
          "(?s)<file\\b[^>]*>.*?(?:</file>|$)|<document\\b[^>]*>.*?(?:</document>|$)"
              + "|<code\\b[^>]*>.*?(?:</code>|$)");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private TextPrep() {}

  /**
   * The text to embed: code blocks become a short marker, whitespace collapses, length is capped.
   */
  static String forEmbedding(String text) {
    if (text == null) {
      return "";
    }
    String cleaned = REMINDERS.matcher(text).replaceAll(" ");
    cleaned = FILE_TAGS.matcher(cleaned).replaceAll(" (code) ");
    cleaned = FENCED.matcher(cleaned).replaceAll(" (code) ");
    cleaned = SPACES.matcher(cleaned).replaceAll(" ").strip();
    if (cleaned.length() <= MAX_CHARS) {
      return cleaned;
    }
    int tail = MAX_CHARS - HEAD_CHARS;
    return cleaned.substring(0, HEAD_CHARS) + " … " + cleaned.substring(cleaned.length() - tail);
  }
}
