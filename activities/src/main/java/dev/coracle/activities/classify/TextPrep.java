package dev.coracle.activities.classify;

import com.google.re2j.Pattern;
import java.text.Normalizer;
import java.util.Locale;

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

  /**
   * Context that coding agents wrap around the user's words: Claude Code's system reminders,
   * codex's environment and AGENTS.md blocks. It says nothing about this request.
   */
  private static final Pattern REMINDERS =
      Pattern.compile(
          "(?s)<(system-reminder|environment_context|user_instructions)>.*?</"
              + "(system-reminder|environment_context|user_instructions)>");

  private static final Pattern FENCED = Pattern.compile("(?s)```.*?(```|$)");
  private static final Pattern FILE_TAGS =
      Pattern.compile(
          "(?s)<file\\b[^>]*>.*?(?:</file>|$)|<document\\b[^>]*>.*?(?:</document>|$)"
              + "|<code\\b[^>]*>.*?(?:</code>|$)");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** Everything but letters, digits, marks, '?' and the '/' of a command such as /status. */
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\pL\\pN\\pM?/]+");

  private static final Pattern QUESTION = Pattern.compile("\\?+");

  /** English contractions, so "what's" and "what is" read the same. */
  private static final String[][] CONTRACTIONS = {
    {"won't", "will not"}, {"can't", "can not"}, {"n't", " not"}, {"'re", " are"},
    {"'ve", " have"}, {"'ll", " will"}, {"'d", " would"}, {"'m", " am"},
    {"let's", "let us"}, {"'s", " is"}
  };

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

  /**
   * The prompt as the n-gram features read it: the instruction only ({@link #forEmbedding}),
   * compatibility forms folded (NFKC), lower case, contractions spelled out, punctuation gone but
   * for question marks, one space between words.
   */
  static String normalize(String text) {
    String prepared = forEmbedding(text);
    String folded =
        Normalizer.normalize(prepared, Normalizer.Form.NFKC)
            .toLowerCase(Locale.ROOT)
            .replace('\u2019', '\'')
            .replace('\u2018', '\'');
    for (String[] contraction : CONTRACTIONS) {
      folded = folded.replace(contraction[0], contraction[1]);
    }
    String spaced = QUESTION.matcher(folded).replaceAll(" ? ");
    spaced = NOT_A_WORD.matcher(spaced).replaceAll(" ");
    return SPACES.matcher(spaced).replaceAll(" ").strip();
  }
}
