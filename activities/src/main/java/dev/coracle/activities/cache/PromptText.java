package dev.coracle.activities.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the cache reads a turn: normalized text, and the parts of a question that must match exactly
 * because the embedding model barely notices them.
 *
 * <p>all-MiniLM-L6-v2 rates "How do I not reverse a list in Python?" 0.95 similar to "How do I
 * reverse a list in Python?", and a 270-character prompt with one database name changed 0.96
 * similar to the original. So numbers, identifiers and negations must be equal, and a long prompt
 * or one with a code block must be equal as a whole; only the wording around them may differ.
 */
final class PromptText {

  /**
   * Longer normalized prompts match only exactly: past about 250 characters one changed word no
   * longer moves the embedding below 0.95.
   */
  static final int LONG_PROMPT_CHARS = 200;

  private static final Pattern WHITESPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  /** Characters that make a word a literal: numbers, paths, identifiers, operators, code. */
  private static final Pattern LITERAL = Pattern.compile("[0-9/\\\\_.@#$%^&*=+<>{}\\[\\]()|~`]");

  /** Sentence punctuation at the end of a word, which is not part of the literal. */
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[?!.,;:]+$");

  private static final Set<String> NEGATIONS =
      Set.of(
          ("not no never none nothing nobody nor neither without cannot dont doesnt didnt cant"
                  + " wont isnt arent wasnt werent shouldnt wouldnt couldnt hasnt havent hadnt"
                  + " mustnt")
              .split(" "));

  /** English contractions, spelled out so that "what's" and "what is" read the same. */
  private static final String[][] CONTRACTIONS = {
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

  /** Sentence punctuation and quotes, which say nothing about the question once it is guarded. */
  private static final Pattern SENTENCE_MARKS =
      Pattern.compile(
          "[?!,;:\"\u201c\u201d\u2018`()\\[\\]]|(?<=\\w)'(?!\\w)|(?<!\\w)'|\\.(?=\\s|$)|\\s-+\\s");

  private PromptText() {}

  /**
   * The last user turn as it is embedded: lower case, contractions spelled out, sentence
   * punctuation and quotes removed, one space between words. MiniLM's tokens change with case, so
   * without this "What is the capital city of France?" and "what's the capital city of france" were
   * only 0.905 similar. The {@link PromptGuard} keeps what this drops from deciding alone.
   */
  static String forEmbedding(String text) {
    String lower = normalize(text).replace('\u2018', '\'');
    for (String[] contraction : CONTRACTIONS) {
      lower = lower.replace(contraction[0], contraction[1]);
    }
    String bare = SENTENCE_MARKS.matcher(lower).replaceAll(" ");
    return WHITESPACE.matcher(bare).replaceAll(" ").strip();
  }

  /** The turn as it is stored and guarded: trimmed, one space between words, case kept. */
  static String display(String text) {
    if (text == null) {
      return "";
    }
    return WHITESPACE.matcher(text.replace('\u2019', '\'').trim()).replaceAll(" ");
  }

  /**
   * Trimmed, every run of whitespace one space, lower case. Punctuation stays: in code and numbers
   * it carries meaning.
   */
  static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String typographic = text.replace('\u2019', '\'');
    return WHITESPACE.matcher(typographic.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
  }

  /** True when the prompt must match as a whole: it is long or holds a code block. */
  static boolean matchesOnlyExactly(String raw, String normalized) {
    return normalized.length() > LONG_PROMPT_CHARS || (raw != null && raw.contains("```"));
  }

  /**
   * The words of a normalized prompt that must match exactly, sorted so that a reordered paraphrase
   * still matches: literals (anything with a digit or a symbol such as {@code node_modules}, {@code
   * c++}, {@code /etc/hosts}, {@code `map`}) and negations.
   */
  static List<String> exactWords(String normalized) {
    List<String> words = new ArrayList<>();
    String spelledOut = normalized;
    for (String[] contraction : CONTRACTIONS) {
      spelledOut = spelledOut.replace(contraction[0], contraction[1]);
    }
    for (String word : spelledOut.split(" ")) {
      String bare = TRAILING_PUNCTUATION.matcher(word).replaceAll("");
      if (bare.isEmpty()) {
        continue;
      }
      if (LITERAL.matcher(bare).find() || isNegation(bare)) {
        words.add(bare);
      }
    }
    words.sort(null);
    return words;
  }

  private static boolean isNegation(String word) {
    return NEGATIONS.contains(word) || word.endsWith("n't");
  }
}
