package dev.coracle.activities.cache;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tartarus.snowball.SnowballStemmer;

/**
 * What a prompt asks, word by word: its content words in order, stemmed, with the direction words
 * between them ("to", "from", "in") kept as anchors, and the words that only frame the question
 * ("how do I", "please", "the") dropped. Two prompts ask the same thing when their content words
 * agree ({@link ContentAgreement}).
 *
 * @param language the prompt's language, or null when it is in none that this can read (then it
 *     matches only its own exact text)
 * @param tokens content words and anchors in the order the prompt has them
 * @param comparison true when the prompt compares the things it names ("X vs Y", "the difference
 *     between X and Y"), so that their order does not matter
 */
record ContentWords(PromptLanguage language, List<Token> tokens, boolean comparison) {

  /**
   * One word of a prompt as written (lower case, accents folded) and as compared.
   *
   * @param anchor a direction word, which only marks order
   * @param light a framing verb with an opposite ({@link PromptLanguage#isLight})
   * @param followsWord true when the word right before it in the prompt is the previous token, with
   *     nothing dropped between them ("capital city", not "kill a zombie")
   */
  record Token(String surface, String stem, boolean anchor, boolean light, boolean followsWord) {

    boolean isNumber() {
      return !stem.isEmpty() && Character.isDigit(stem.charAt(0));
    }
  }

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[+#]+)?");

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /** A prompt that cannot be read word by word. */
  static final ContentWords UNREADABLE = new ContentWords(null, List.of(), false);

  /** Lower case, typographic apostrophes plain, accents removed: "Cómo" reads as "como". */
  static String fold(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
  }

  static ContentWords of(String text) {
    if (text == null || text.isBlank()) {
      return UNREADABLE;
    }
    String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    boolean cyrillic = false;
    for (int i = 0; i < lower.length(); ) {
      int point = lower.codePointAt(i);
      i += Character.charCount(point);
      if (!Character.isLetter(point)) {
        continue;
      }
      Character.UnicodeScript script = Character.UnicodeScript.of(point);
      if (script == Character.UnicodeScript.CYRILLIC) {
        cyrillic = true;
      } else if (script != Character.UnicodeScript.LATIN) {
        // Chinese, Japanese, Arabic ...: no word boundaries or stemmer here; only exact text.
        return UNREADABLE;
      }
    }
    for (String[] contraction : EmbeddingText.CONTRACTIONS) {
      lower = lower.replace(contraction[0], contraction[1]);
    }
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(fold(WordSynonyms.canonicalNames(lower)));
    while (matcher.find()) {
      words.add(matcher.group());
    }
    PromptLanguage language = PromptLanguage.of(words, cyrillic);
    if (language == PromptLanguage.ENGLISH) {
      words = englishPhrases(words);
    }
    SnowballStemmer stemmer = language.stemmer();
    List<Token> tokens = new ArrayList<>();
    boolean comparison = false;
    int lastKept = -2;
    for (int i = 0; i < words.size(); i++) {
      String raw = words.get(i);
      boolean follows = lastKept == i - 1;
      String word = language == PromptLanguage.ENGLISH ? WordSynonyms.canonical(raw) : raw;
      if (language == PromptLanguage.ENGLISH && WordSynonyms.isComparison(word)) {
        comparison = true;
      } else if (language.isAnchor(word)) {
        tokens.add(new Token(word, word, true, false, follows));
        lastKept = i;
      } else if (!language.isStopWord(word) && keepsShortWord(word, language)) {
        String stem = stem(word, language, stemmer);
        // "uses" frames a question as "use" does.
        if (!language.isStopWord(stem)) {
          boolean light = language.isLight(word) || language.isLight(stem);
          tokens.add(new Token(word, stem, false, light, follows));
          lastKept = i;
        }
      }
    }
    return new ContentWords(language, List.copyOf(tokens), comparison);
  }

  /** The stem a content word is compared by; numbers and names such as "c++" stay as written. */
  static String stem(String word, PromptLanguage language, SnowballStemmer stemmer) {
    if (Character.isDigit(word.charAt(0)) || word.endsWith("+") || word.endsWith("#")) {
      return word;
    }
    String spelled =
        language == PromptLanguage.ENGLISH ? WordSynonyms.americanSpelling(word) : word;
    stemmer.setCurrent(spelled);
    stemmer.stem();
    return stemmer.getCurrent();
  }

  /** The stems of the content words (anchors and light words left out), numbers included. */
  Set<String> stems() {
    return stems(tokens, false);
  }

  /** The stems of the light words. */
  Set<String> lightStems() {
    return stems(tokens, true);
  }

  static Set<String> stems(List<Token> tokens, boolean light) {
    Set<String> stems = new LinkedHashSet<>();
    for (Token token : tokens) {
      if (!token.anchor() && token.light() == light) {
        stems.add(token.stem());
      }
    }
    return stems;
  }

  /**
   * One letter is a word in English ("C", "R") but in the other languages mostly what is left of an
   * elision ("c'est", "l'API"); the possessive "'s" says nothing.
   */
  private static boolean keepsShortWord(String word, PromptLanguage language) {
    if (word.length() > 1 || Character.isDigit(word.charAt(0))) {
      return true;
    }
    return language == PromptLanguage.ENGLISH && !word.equals("s");
  }

  /** Two-word phrases read as one word, or dropped ({@link WordSynonyms#phrase}). */
  private static List<String> englishPhrases(List<String> words) {
    List<String> out = new ArrayList<>(words.size());
    boolean into = words.contains("into");
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (i + 1 < words.size()) {
        String phrase = WordSynonyms.phrase(word, words.get(i + 1));
        if (phrase != null) {
          for (String part : phrase.split(" ")) {
            if (!part.isEmpty()) {
              out.add(part);
            }
          }
          i++;
          continue;
        }
      }
      // "Turning a list into a set" converts it; "turn on" and "turn off" do not.
      if (into && word.startsWith("turn")) {
        out.add("convert");
        continue;
      }
      out.add(word);
    }
    return out;
  }
}
