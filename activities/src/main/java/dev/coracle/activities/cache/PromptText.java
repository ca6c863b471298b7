package dev.coracle.activities.cache;

import java.util.ArrayList;
import java.util.List;
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

  /**
   * Quotes and backticks around a word: "what does git stash do" and "what does the `git stash`
   * command do" ask the same, and {@link PromptGuard} still compares what is quoted.
   */
  private static final Pattern QUOTE_EDGES = Pattern.compile("^[`'\"]+|[`'\"]+$");

  /**
   * Negations that keep a negated prompt's key apart from the plain one. "no" is not among them: in
   * Portuguese it is "in the" ("no sql"); {@link ContentAgreement} reads it as a word in English
   * and Spanish, where it negates.
   */
  private static final Set<String> NEGATIONS =
      Set.of(
          ("not never none nothing nobody nor neither without cannot dont doesnt didnt cant"
                  + " wont isnt arent wasnt werent shouldnt wouldnt couldnt hasnt havent hadnt"
                  + " mustnt")
              .split(" "));

  private PromptText() {}

  /** The last user turn as it is embedded: {@link EmbeddingText#of}, shared with the classifier. */
  static String forEmbedding(String text) {
    return EmbeddingText.of(text);
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
    return EmbeddingText.lowerCase(text);
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
    for (String[] contraction : EmbeddingText.CONTRACTIONS) {
      spelledOut = spelledOut.replace(contraction[0], contraction[1]);
    }
    for (String word : spelledOut.split(" ")) {
      String bare =
          QUOTE_EDGES.matcher(TRAILING_PUNCTUATION.matcher(word).replaceAll("")).replaceAll("");
      bare = TRAILING_PUNCTUATION.matcher(bare).replaceAll("");
      if (bare.isEmpty()) {
        continue;
      }
      String spelled = WordSynonyms.digits(bare);
      if (spelled != null) {
        // "three commits" asks for the same number as "3 commits".
        words.add(spelled);
      } else if (LITERAL.matcher(bare).find() || isNegation(bare)) {
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
