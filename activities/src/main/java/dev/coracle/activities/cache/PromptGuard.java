package dev.coracle.activities.cache;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The precision guard beyond cosine similarity: two prompts close in embedding space may still ask
 * different things. A cached answer is served only when both prompts agree on their numbers; each
 * quoted string of one is said by the other; each code identifier, file name and named thing
 * (product, language, place) of one is a word of the other; and their content words agree ({@link
 * ContentAgreement}), which no list of opposites has to foresee. Case, spacing, punctuation and
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

  private static final Pattern POSSESSIVE = Pattern.compile("'s$");

  private PromptGuard() {}

  /** "JS" names JavaScript and "Node.js" names Node: names are compared as one spelling. */
  private static String canonical(String lowerCaseWord) {
    return WordSynonyms.canonical(WordSynonyms.canonicalNames(lowerCaseWord));
  }

  /** True when a cached answer to {@code earlier} may answer {@code prompt}. */
  static boolean agree(String prompt, String earlier) {
    return agree(read(prompt), read(earlier));
  }

  /** What the guard reads in a prompt, made once per lookup and compared with each candidate. */
  record Reading(Terms terms, ContentWords words) {}

  static Reading read(String prompt) {
    return new Reading(Terms.of(prompt), ContentWords.of(prompt));
  }

  /** True when a cached answer to the prompt read as {@code earlier} may answer {@code prompt}. */
  static boolean agree(Reading prompt, Reading earlier) {
    Terms a = prompt.terms();
    Terms b = earlier.terms();
    return a.numbers.equals(b.numbers)
        && b.quotedIn(a)
        && a.quotedIn(b)
        && b.words.containsAll(a.identifiers)
        && a.words.containsAll(b.identifiers)
        && b.words.containsAll(a.named)
        && a.words.containsAll(b.named)
        && ContentAgreement.agree(prompt.words(), earlier.words());
  }

  /** What one prompt says that must match. Named things are kept in the order they appear. */
  record Terms(
      Set<String> numbers,
      Set<String> quoted,
      Set<String> identifiers,
      Set<String> named,
      Set<String> words,
      String plain) {

    /**
     * True when each of this prompt's quoted strings is said by {@code other}, quoted or not: "what
     * does 'async' do" asks what "what does the async keyword do" does.
     */
    boolean quotedIn(Terms other) {
      for (String quote : quoted) {
        if (!(" " + other.plain + " ").contains(" " + quote + " ")) {
          return false;
        }
      }
      return true;
    }

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
      String plain = PromptText.forEmbedding(text);
      String[] words = plain.isEmpty() ? new String[0] : plain.split(" ");
      for (String word : words) {
        String spelled = WordSynonyms.digits(word);
        if (spelled != null) {
          numbers.add(spelled);
        }
      }
      Set<String> identifiers = new LinkedHashSet<>();
      Set<String> named = new LinkedHashSet<>();
      String[] tokens = text.split("\\s+");
      Set<String> allWords = new HashSet<>();
      boolean sentenceStart = true;
      for (String token : tokens) {
        String bare = WORD_EDGE.matcher(token).replaceAll("");
        String lower = canonical(bare.toLowerCase(Locale.ROOT));
        allWords.add(lower);
        // "MySQL's default port" names MySQL.
        allWords.add(canonical(POSSESSIVE.matcher(lower).replaceAll("")));
        if (!bare.isEmpty()
            && IDENTIFIER.matcher(bare).matches()
            && !NUMBER.matcher(bare).matches()) {
          identifiers.add(lower);
        } else if (!sentenceStart
            && bare.length() > 1
            && Character.isUpperCase(bare.codePointAt(0))
            && !bare.equals("I")) {
          named.add(canonical(POSSESSIVE.matcher(lower).replaceAll("")));
        }
        if (!bare.isEmpty() && TechNames.isNamed(bare.toLowerCase(Locale.ROOT))) {
          named.add(lower);
        }
        sentenceStart =
            token.endsWith(".")
                || token.endsWith("?")
                || token.endsWith("!")
                || token.endsWith(":");
      }
      for (String word : words) {
        allWords.add(canonical(word));
      }
      return new Terms(numbers, quoted, identifiers, named, allWords, plain);
    }
  }
}
