package dev.coracle.activities.cache;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one text a prompt is embedded as, by the classifier and the semantic cache alike: lower case,
 * English contractions spelled out, sentence punctuation and quotes removed but for question marks,
 * which stand apart as a word of their own, one space between words. A chat embeds its prompt once:
 * the classifier embeds this text first, and the cache's lookup and store then find its vector in
 * the embedding model's memory of recent texts.
 *
 * <p>MiniLM's tokens change with case, so without this "What is the capital city of France?" and
 * "what's the capital city of france" were only 0.905 similar. The cache's {@link PromptGuard}
 * keeps what this drops from deciding a hit alone.
 */
public final class EmbeddingText {
  private static final Pattern WHITESPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  /** English contractions, spelled out so that "what's" and "what is" read the same. */
  static final String[][] CONTRACTIONS = {
    {"won't", "will not"},
    {"can't", "can not"},
    {"cannot", "can not"},
    {"n't", " not"},
    {"'re", " are"},
    {"'ve", " have"},
    {"'ll", " will"},
    {"'d", " would"},
    {"'m", " am"},
    {"let's", "let us"},
    {"what's", "what is"},
    {"that's", "that is"},
    {"it's", "it is"},
    {"where's", "where is"},
    {"who's", "who is"},
    {"how's", "how is"},
    {"there's", "there is"},
    {"here's", "here is"}
  };

  /**
   * Sentence punctuation and quotes, which say nothing about the question once it is guarded. A
   * question mark stays: it tells a question from a task, and without it the classifier lost a
   * held-out prompt and 0.4 % in cross-validation, while the cache's recall and false hits are the
   * same either way (docs/benchmarks.md).
   */
  private static final Pattern SENTENCE_MARKS =
      Pattern.compile(
          "[!,;:\"\u201c\u201d\u2018`()\\[\\]]|(?<=\\w)'(?!\\w)|(?<!\\w)'|\\.(?=\\s|$)|\\s-+\\s");

  private static final Pattern QUESTION = Pattern.compile("\\?+");

  private EmbeddingText() {}

  /** The text to embed for {@code text}; the empty string for null. */
  public static String of(String text) {
    String lower = lowerCase(text).replace('\u2018', '\'');
    for (String[] contraction : CONTRACTIONS) {
      lower = lower.replace(contraction[0], contraction[1]);
    }
    String bare = SENTENCE_MARKS.matcher(lower).replaceAll(" ");
    return WHITESPACE.matcher(QUESTION.matcher(bare).replaceAll(" ? ")).replaceAll(" ").strip();
  }

  /** Trimmed, every run of whitespace one space, typographic apostrophes plain, lower case. */
  static String lowerCase(String text) {
    if (text == null) {
      return "";
    }
    String typographic = text.replace('\u2019', '\'');
    return WHITESPACE.matcher(typographic.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
  }
}
