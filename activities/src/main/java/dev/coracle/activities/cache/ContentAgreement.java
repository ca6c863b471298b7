package dev.coracle.activities.cache;

import dev.coracle.activities.cache.ContentWords.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tartarus.snowball.SnowballStemmer;

/**
 * Whether two prompts ask the same thing, read word by word: the reverse of a list of opposites.
 * Their content words ({@link ContentWords}) must be the same set, so "even" and "odd", "best" and
 * "worst", "seconds" and "milliseconds", "entfernen" and "hinzufügen" all differ without anyone
 * having listed them (one may add a noun that only names the kind of the word before it: "capital
 * city"); and two of their words must not swap places across a direction word or a number ("miles
 * is 10 kilometers", "pés em metros"), unless the prompt is a comparison, whose order does not
 * matter. When either prompt cannot be read (another script), they do not agree: a miss costs one
 * model call, a wrong hit serves a wrong answer.
 */
final class ContentAgreement {

  private ContentAgreement() {}

  static boolean agree(ContentWords a, ContentWords b) {
    if (a.language() == null || a.language() != b.language() || a.comparison() != b.comparison()) {
      return false;
    }
    List<Token> first = joinSplitWords(a.tokens(), b.stems(), a.language());
    List<Token> second = joinSplitWords(b.tokens(), a.stems(), a.language());
    if (!sameWords(first, second, a.language())) {
      return false;
    }
    return a.comparison() || !swapped(first, second);
  }

  /**
   * True when both prompts have the same content words, or one adds a single word to the other's
   * ({@link #mayAdd}) while the other says nothing in its place: "what is canada's capital city"
   * asks what "what's the capital of Canada" does. A light word ("show", "make") with no
   * counterpart is no word in its place when the other prompt's words are all matched; facing an
   * unmatched word ("hide", "delete") it is one.
   */
  private static boolean sameWords(List<Token> first, List<Token> second, PromptLanguage language) {
    Set<String> content1 = ContentWords.stems(first, false);
    Set<String> content2 = ContentWords.stems(second, false);
    Set<String> only1 = minus(content1, content2);
    Set<String> only2 = minus(content2, content1);
    if (only1.isEmpty() && only2.isEmpty()) {
      return true;
    }
    if (!only1.isEmpty() && !only2.isEmpty()) {
      return false;
    }
    List<Token> longer = only1.isEmpty() ? second : first;
    List<Token> shorter = only1.isEmpty() ? first : second;
    Set<String> added = only1.isEmpty() ? only2 : only1;
    Set<String> longerWords = ContentWords.stems(longer, false);
    longerWords.addAll(ContentWords.stems(longer, true));
    boolean shorterSaysMore = !longerWords.containsAll(ContentWords.stems(shorter, true));
    Set<String> shared = minus(ContentWords.stems(longer, false), added);
    return added.size() == 1 && !shorterSaysMore && mayAdd(longer, shared, added, language);
  }

  /**
   * Whether a word one prompt adds may leave the question the same: it names the kind of thing the
   * shared word right before it is ("capital city", "SSH key pair", "REST APIs", "the pandas
   * library"), with nothing between them. Any other added word may narrow the question ("list
   * processes" / "list running processes", "a hash table" / "a hash table collision", "boil an egg"
   * / "boil an egg soft"), so it makes a miss.
   */
  private static boolean mayAdd(
      List<Token> tokens, Set<String> shared, Set<String> added, PromptLanguage language) {
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.anchor() || token.light() || !added.contains(token.stem())) {
        continue;
      }
      boolean restates =
          i > 0
              && token.followsWord()
              && !tokens.get(i - 1).anchor()
              && shared.contains(tokens.get(i - 1).stem());
      if (!restates
          || language != PromptLanguage.ENGLISH
          || !KIND_NOUNS.contains(token.surface())) {
        return false;
      }
    }
    return true;
  }

  /** Nouns that name the kind of the word before them and add nothing to a question. */
  private static final Set<String> KIND_NOUNS =
      Set.of(
          ("city cities language languages api apis library libraries framework frameworks tool"
                  + " tools program code pair pairs block blocks statement statements clause"
                  + " clauses operator operators")
              .split(" "));

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.removeAll(b);
    return out;
  }

  /**
   * "micro services" and "microservices", "lower case" and "lowercase", "user name" and "username"
   * are one word: two neighbours whose joined stem is a word of the other prompt become that word.
   */
  private static List<Token> joinSplitWords(
      List<Token> tokens, Set<String> otherStems, PromptLanguage language) {
    List<Token> out = new ArrayList<>(tokens.size());
    SnowballStemmer stemmer = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (i + 1 < tokens.size()
          && !token.anchor()
          && !tokens.get(i + 1).anchor()
          && !otherStems.contains(token.stem())) {
        String joined = token.surface() + tokens.get(i + 1).surface();
        stemmer = stemmer == null ? language.stemmer() : stemmer;
        String stem = ContentWords.stem(joined, language, stemmer);
        if (otherStems.contains(stem)) {
          out.add(new Token(joined, stem, false, false, token.followsWord()));
          i++;
          continue;
        }
      }
      out.add(token);
    }
    return out;
  }

  /**
   * True when two words are in one order in the first prompt and the other order in the second,
   * with a direction word or a number between them in both: "convert X to Y" and "convert Y to X".
   * A word moved to the front ("In SQL, how do I ...") or two neighbours swapped ("array length",
   * "length of an array") crosses no such mark.
   */
  private static boolean swapped(List<Token> first, List<Token> second) {
    Map<String, Integer> inFirst = singlePositions(first);
    Map<String, Integer> inSecond = singlePositions(second);
    List<String> shared = new ArrayList<>();
    for (String key : inFirst.keySet()) {
      if (inSecond.containsKey(key)) {
        shared.add(key);
      }
    }
    for (String x : shared) {
      for (String y : shared) {
        int x1 = inFirst.get(x);
        int y1 = inFirst.get(y);
        int x2 = inSecond.get(x);
        int y2 = inSecond.get(y);
        if (x1 >= y1 || x2 <= y2) {
          continue;
        }
        // x before y in the first prompt, after it in the second: is a mark between them in both?
        for (String z : shared) {
          if (!isMark(z)) {
            continue;
          }
          int z1 = inFirst.get(z);
          int z2 = inSecond.get(z);
          if (x1 < z1 && z1 < y1 && y2 < z2 && z2 < x2) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isMark(String key) {
    return key.startsWith("@") || Character.isDigit(key.charAt(0));
  }

  /** Positions of the tokens that occur once; anchors are keyed apart from words ("@to"). */
  private static Map<String, Integer> singlePositions(List<Token> tokens) {
    Map<String, Integer> positions = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      String key = token.anchor() ? "@" + token.stem() : token.stem();
      positions.put(key, i);
      counts.merge(key, 1, Integer::sum);
    }
    positions.keySet().removeIf(key -> counts.get(key) > 1);
    return positions;
  }
}
