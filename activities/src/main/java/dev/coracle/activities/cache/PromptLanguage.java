package dev.coracle.activities.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * The languages whose prompts {@link ContentWords} can read: Lucene's Snowball stemmer and stop
 * words for each. A prompt in any other language, or in a script none of these is written in,
 * cannot be compared word by word, so it only ever matches its own exact text.
 *
 * <p>Snowball's stop lists hold words that change a question: "not", "before", "after", "up",
 * "more", "only", Spanish "no", Portuguese "sem". Those ({@code kept}) stay content words, and the
 * direction words ({@code anchors}: "to", "from", "into", "than", "in" ...) are kept apart, as the
 * marks that say which way a conversion or a comparison goes.
 */
enum PromptLanguage {
  ENGLISH(
      "english",
      EnglishStemmer::new,
      "no not nor never without before after above below up down out off over under more most"
          + " less least only all few again once same other own against why when where"
          + " who whom every each any whole entire local remote global hidden empty default"
          + " recursive recursively first last second next previous better worse faster slower"
          + " bigger smaller larger longer shorter higher lower newer older easier harder cheaper"
          + " safer greater later earlier",
      "to into from than per in on at of for by with about via through as between",
      // Framing and politeness: words that ask, not what is asked.
      "what whats which how please pls plz hey hi hello thanks thank can could would will shall"
          + " should may might must tell know like want wondering need explain explanation describe"
          + " define definition meaning mean means purpose way ways just actually basically really"
          + " simply briefly exactly kindly quick question also ones too located keyword command"
          + " acronym term syntax stand stands anyone someone somebody something thing things id"
          + " im ive youre possible able whether example examples detail details detailed step"
          + " steps properly correctly give provide help trying conversion u ur ok okay um uh hmm"
          + " nutshell beginner beginners eli5",
      // Verbs that frame a question but have opposites: "show" and "hide", "make" and "remove",
      // "get" and "set", "include" and "exclude", "write" and "read".
      "show see view display check verify determine make made get got retrieve obtain convert"
          + " include including use used using usage work works working write send sends sending"
          + " perform performs new"),
  SPANISH(
      "spanish",
      SpanishStemmer::new,
      "no ni sin antes después despues desde hasta contra más mas menos muy sobre todo todos solo"
          + " cuando donde quien",
      "a en de para por con entre que",
      "cómo como qué que cuál cual puedo puedes podrías podrias favor hola gracias",
      ""),
  PORTUGUESE(
      "portuguese",
      PortugueseStemmer::new,
      "não nao nem sem antes depois desde até ate contra mais menos muito só so quando quem",
      "a em no na de do da para por com entre",
      "como que qual posso pode favor olá ola obrigado",
      ""),
  FRENCH(
      "french",
      FrenchStemmer::new,
      "ne pas non ni sans avant après apres depuis contre plus moins très tres seulement",
      "à a en de des du pour par avec entre dans",
      "comment quoi quel quelle est-ce est ce c qu d l j s t y m n svp merci bonjour",
      ""),
  GERMAN(
      "german",
      GermanStemmer::new,
      // A separable verb's particle is its meaning: "schalte die Firewall an" and "… aus" are
      // opposite questions, so "an", "aus", "auf" and "ab" are content words, not directions.
      "nicht kein keine keinen keiner ohne vor nach seit bis gegen mehr weniger nur alle an aus"
          + " auf ab",
      "zu in von mit für fur im ins am bei",
      "wie was welche welcher welches bitte danke hallo kann könnte konnte",
      ""),
  ITALIAN(
      "italian",
      ItalianStemmer::new,
      "non né ne senza prima dopo contro più piu meno solo tutto tutti",
      "a in da di per con tra su al alla",
      "come cosa quale posso puoi grazie ciao",
      ""),
  DUTCH(
      "dutch",
      DutchStemmer::new,
      // As in German: "zet de firewall aan" and "… uit" are opposite questions.
      "niet geen zonder voor na tegen meer minder alleen alle aan uit op af",
      "naar in van met voor",
      "hoe wat welke kan kun alsjeblieft bedankt",
      ""),
  RUSSIAN(
      "russian",
      RussianStemmer::new,
      "не ни нет без до после против более менее больше меньше только все",
      // Cyrillic text is read as Russian; Ukrainian's "у", "з" and "із" ("into", "from") mark
      // a conversion's direction the same way.
      "в во на из от к по с со для у з із",
      "как что какой какая можно пожалуйста спасибо",
      "");

  private final String snowballName;
  private final Supplier<SnowballStemmer> stemmers;
  private final String keptWords;
  private final String anchorWords;
  private final String framingWords;
  private final String lightWords;

  /** Loaded on first use: an idle gateway holds no word lists. */
  private volatile Words words;

  private record Words(
      Set<String> stop, Set<String> anchors, Set<String> light, Set<String> kept) {}

  PromptLanguage(
      String snowballName,
      Supplier<SnowballStemmer> stemmers,
      String keptWords,
      String anchorWords,
      String framingWords,
      String lightWords) {
    this.snowballName = snowballName;
    this.stemmers = stemmers;
    this.keptWords = keptWords;
    this.anchorWords = anchorWords;
    this.framingWords = framingWords;
    this.lightWords = lightWords;
  }

  /** True for a word that says nothing the answer depends on ("the", "please", "how"). */
  boolean isStopWord(String foldedWord) {
    return words().stop().contains(foldedWord);
  }

  /**
   * True for a word that frames a question but has an opposite ("show", "make", "get"): it does not
   * need a counterpart in the other prompt, but it does not stand for one of its words either.
   */
  boolean isLight(String foldedWord) {
    return words().light().contains(foldedWord);
  }

  /** True for a function word that changes a question: a negation, a direction, a quantity. */
  boolean isKept(String foldedWord) {
    return words().kept().contains(foldedWord);
  }

  /** True for a word that gives a sentence its direction ("to", "from", "into"). */
  boolean isAnchor(String foldedWord) {
    return words().anchors().contains(foldedWord);
  }

  /** A new stemmer: Snowball stemmers keep state, so each reading of a prompt takes its own. */
  SnowballStemmer stemmer() {
    return stemmers.get();
  }

  /**
   * The language of a prompt's words (accents folded, lower case): the one whose stop words it uses
   * most, English on a tie. Cyrillic text is Russian. (A script no language here is written in
   * never reaches this: {@link ContentWords} reads such a prompt as unreadable.)
   */
  static PromptLanguage of(List<String> foldedWords, boolean cyrillic) {
    if (cyrillic) {
      return RUSSIAN;
    }
    PromptLanguage best = ENGLISH;
    int bestCount = count(ENGLISH, foldedWords);
    for (PromptLanguage language : values()) {
      if (language == RUSSIAN || language == ENGLISH) {
        continue;
      }
      int count = count(language, foldedWords);
      if (count > bestCount) {
        best = language;
        bestCount = count;
      }
    }
    return best;
  }

  /** One letter ("s" of "today's", "c" of "c'est") is a word in too many languages to count. */
  private static int count(PromptLanguage language, List<String> foldedWords) {
    int count = 0;
    for (String word : foldedWords) {
      if (word.length() > 1
          && (language.isStopWord(word) || language.isAnchor(word) || language.isLight(word))) {
        count++;
      }
    }
    return count;
  }

  private Words words() {
    Words loaded = words;
    if (loaded == null) {
      synchronized (this) {
        if (words == null) {
          words = load();
        }
        loaded = words;
      }
    }
    return loaded;
  }

  private Words load() {
    Set<String> kept = folded(keptWords);
    Set<String> anchors = folded(anchorWords);
    Set<String> stop = new HashSet<>();
    for (String word : snowballStopWords()) {
      String folded = ContentWords.fold(word);
      if (!kept.contains(folded) && !anchors.contains(folded)) {
        stop.add(folded);
      }
    }
    stop.addAll(folded(framingWords));
    Set<String> light = lightWords.isEmpty() ? Set.of() : folded(lightWords);
    stop.removeAll(kept);
    stop.removeAll(anchors);
    stop.removeAll(light);
    return new Words(Set.copyOf(stop), Set.copyOf(anchors), Set.copyOf(light), Set.copyOf(kept));
  }

  private static Set<String> folded(String spaceSeparated) {
    Set<String> words = new HashSet<>();
    for (String word : spaceSeparated.split(" ")) {
      words.add(ContentWords.fold(word));
    }
    return words;
  }

  /** Lucene's copy of the Snowball project's stop list: one word a line, '|' starts a comment. */
  private List<String> snowballStopWords() {
    String resource = "/org/apache/lucene/analysis/snowball/" + snowballName + "_stop.txt";
    List<String> words = new java.util.ArrayList<>();
    try (InputStream in = PromptLanguage.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource + " (lucene-analysis-common)");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int comment = line.indexOf('|');
        String text = comment >= 0 ? line.substring(0, comment) : line;
        for (String word : text.strip().split("\\s+")) {
          if (!word.isEmpty()) {
            words.add(word);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return words;
  }
}
