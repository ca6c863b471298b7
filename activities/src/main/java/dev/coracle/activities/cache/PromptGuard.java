package dev.coracle.activities.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The precision guard beyond cosine similarity: two prompts close in embedding space may still ask
 * different things. A cached answer is served only when both prompts agree on their numbers and
 * quoted strings; each code identifier, file name and named thing (product, language, place) of one
 * is a word of the other; they take no opposite sides of a polarity axis ({@link PolarityWords});
 * both or neither are negated; and a conversion has the same target. Case, spacing, punctuation and
 * contractions do not count.
 */
final class PromptGuard {
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:]\\d+)*");

  /** Text in straight, typographic or back quotes; an apostrophe inside a word is not a quote. */
  private static final Pattern QUOTED =
      Pattern.compile("(?<![\\w])[\"'`\u2018\u201c]([^\"'`\u2019\u201d]{1,200})[\"'`\u2019\u201d]");

  /** camelCase, PascalCase with an inner capital, snake_case, dotted names, paths and flags. */
  private static final Pattern IDENTIFIER =
      Pattern.compile(
          "^(?:[a-z]+[A-Z]\\w*|[A-Z][a-z0-9]+[A-Z]\\w*|\\w*_\\w+|[\\w-]+(?:\\.[\\w-]+)+"
              + "|[\\w.-]*/[\\w./-]+|--?[a-zA-Z][\\w-]*|\\w+::\\w+|\\w+\\(\\))$");

  private static final Pattern WORD_EDGE = Pattern.compile("^[^\\w/.$#@+-]+|[^\\w+#)]+$");

  private static final Pattern CONVERSION =
      Pattern.compile(
          "\\b(convert|converting|translate|translating|migrate|port|cast|transform|turn|change"
              + "|switch|move|copy|map)\\b");

  /** Words that make the order of two named things irrelevant: "X and Y", "X vs Y". */
  private static final Pattern SYMMETRIC =
      Pattern.compile("\\b(and|or|vs|versus|between|compare|compared|difference)\\b");

  private static final Pattern POSSESSIVE = Pattern.compile("'s$");

  private static final Set<String> ARTICLES = Set.of("a", "an", "the");

  private static final Set<String> NEGATIONS =
      Set.of("not", "no", "never", "without", "none", "nothing", "neither", "nor", "cannot");

  private PromptGuard() {}

  /** True when a cached answer to {@code earlier} may answer {@code prompt}. */
  static boolean agree(String prompt, String earlier) {
    Terms a = Terms.of(prompt);
    Terms b = Terms.of(earlier);
    return a.numbers.equals(b.numbers)
        && a.quoted.equals(b.quoted)
        && b.words.containsAll(a.identifiers)
        && a.words.containsAll(b.identifiers)
        && b.words.containsAll(a.named)
        && a.words.containsAll(b.named)
        && !PolarityWords.conflict(a.polarity, b.polarity)
        && a.negated == b.negated
        && sameOrder(a, b)
        && sameTarget(a, b);
  }

  /** "Windows apps on Linux" is not "Linux apps on Windows", but "TCP and UDP" is "UDP and TCP". */
  private static boolean sameOrder(Terms a, Terms b) {
    if (a.named.size() < 2 || !a.named.equals(b.named) || a.symmetric || b.symmetric) {
      return true;
    }
    return new ArrayList<>(a.named).equals(new ArrayList<>(b.named));
  }

  /** "convert X to Y" asks something else than "convert Y to X". */
  private static boolean sameTarget(Terms a, Terms b) {
    if (!a.conversion && !b.conversion) {
      return true;
    }
    return a.target.equals(b.target);
  }

  /** What one prompt says that must match. Named things are kept in the order they appear. */
  private record Terms(
      Set<String> numbers,
      Set<String> quoted,
      Set<String> identifiers,
      Set<String> named,
      Set<String> words,
      Set<String> polarity,
      boolean negated,
      boolean symmetric,
      boolean conversion,
      String target) {

    static Terms of(String raw) {
      String text = raw == null ? "" : raw.strip();
      Set<String> quoted = new LinkedHashSet<>();
      Matcher quotes = QUOTED.matcher(text);
      while (quotes.find()) {
        quoted.add(PromptText.forEmbedding(quotes.group(1)));
      }
      Set<String> numbers = new LinkedHashSet<>();
      Matcher digits = NUMBER.matcher(text);
      while (digits.find()) {
        numbers.add(digits.group());
      }
      Set<String> identifiers = new LinkedHashSet<>();
      Set<String> named = new LinkedHashSet<>();
      String[] tokens = text.split("\\s+");
      Set<String> allWords = new HashSet<>();
      boolean sentenceStart = true;
      for (String token : tokens) {
        String bare = WORD_EDGE.matcher(token).replaceAll("");
        allWords.add(bare.toLowerCase(Locale.ROOT));
        // "MySQL's default port" names MySQL.
        allWords.add(POSSESSIVE.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(""));
        if (!bare.isEmpty()
            && IDENTIFIER.matcher(bare).matches()
            && !NUMBER.matcher(bare).matches()) {
          identifiers.add(bare.toLowerCase(Locale.ROOT));
        } else if (!sentenceStart
            && bare.length() > 1
            && Character.isUpperCase(bare.codePointAt(0))
            && !bare.equals("I")) {
          named.add(bare.toLowerCase(Locale.ROOT));
        }
        if (!bare.isEmpty() && TechNames.isNamed(bare.toLowerCase(Locale.ROOT))) {
          named.add(bare.toLowerCase(Locale.ROOT));
        }
        sentenceStart =
            token.endsWith(".")
                || token.endsWith("?")
                || token.endsWith("!")
                || token.endsWith(":");
      }
      String plain = PromptText.forEmbedding(text);
      String[] words = plain.isEmpty() ? new String[0] : plain.split(" ");
      allWords.addAll(Arrays.asList(words));
      boolean negated = false;
      for (String word : words) {
        negated |= NEGATIONS.contains(word);
      }
      return new Terms(
          numbers,
          quoted,
          identifiers,
          named,
          allWords,
          PolarityWords.sides(words),
          negated,
          SYMMETRIC.matcher(plain).find(),
          CONVERSION.matcher(plain).find(),
          target(words));
    }

    /**
     * What a conversion turns something into: the first word after "to" or "into" that follows the
     * conversion verb, articles skipped.
     */
    private static String target(String[] words) {
      int verb = -1;
      for (int i = 0; i < words.length && verb < 0; i++) {
        if (CONVERSION.matcher(words[i]).matches()) {
          verb = i;
        }
      }
      for (int i = Math.max(verb, 0); i + 1 < words.length; i++) {
        if (words[i].equals("to") || words[i].equals("into")) {
          int next = i + 1;
          while (next + 1 < words.length && ARTICLES.contains(words[next])) {
            next++;
          }
          return words[next];
        }
      }
      return "";
    }
  }
}
