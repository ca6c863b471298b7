package dev.coracle.activities.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The English words people swap for each other when they ask the same thing ("quit"/"exit",
 * "folder"/"directory", "JS"/"JavaScript"), each mapped to one of them, and the phrases that read
 * as one word ("comment out" is "comment", "keyboard shortcut" is "shortcut"). Kept small on
 * purpose: a word missing here costs a model call, while a wrong entry here would serve one
 * question the answer to another.
 */
final class WordSynonyms {

  /** Each line: the word kept first, then the words that mean the same in a question. */
  private static final String[] GROUPS = {
    "make create creates created creating generate generates generating",
    "remove removes removed removing delete deletes deleted deleting erase",
    "stop stops stopped stopping cancel cancels cancelled canceled abort terminate halt",
    "exit exits exiting quit quits quitting",
    "multiple several",
    "one single",
    "maximum max",
    "minimum min",
    "venv virtualenv virtualenvs venvs",
    "change changes changed changing modify modifies modified edit edits edited alter",
    "find finds locate locates",
    "fix fixes fixed fixing solve solves solved solving",
    "run runs running execute executes executed executing",
    "length lengths size sizes",
    "start starts started starting begin begins",
    "problem problems issue issues",
    "shortcut shortcuts hotkey hotkeys keybinding keybindings",
    "terminal terminals console",
    "integer integers int ints",
    "argument arguments arg args",
    "parameter parameters param params",
    "documentation docs doc",
    "environment env",
    "image images picture pictures photo photos",
    "current today todays",
    "fastest quickest",
    "faster quicker",
    "largest biggest",
    "larger bigger",
    "large big",
    "directory directories folder folders dir",
    "repository repositories repo repos",
    "dictionary dictionaries dict dicts",
    "function functions method methods",
    "application applications app apps",
    "configuration config",
    "database databases db",
    "javascript js",
    "typescript ts",
    "python py",
    "macos mac osx",
    "kubernetes k8s",
    "postgresql postgres",
    "go golang",
    "computer machine pc",
    "not dont doesnt isnt cant wont didnt arent wasnt shouldnt",
    "to into",
  };

  /** Number words that ask for the same number as their digits: "three commits" is "3 commits". */
  private static final String[] NUMBER_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve"
  };

  /** Two-word phrases and what they read as; an empty replacement drops the phrase. */
  private static final String[][] PHRASES = {
    {"comment out", "comment"},
    {"find out", "check"},
    {"keyboard shortcut", "shortcut"},
    {"status code", "status"},
    {"simple terms", ""},
    {"plain english", ""},
    {"quick question", ""},
    {"one more", ""},
    // "What's new in Java 21" asks for a changelog; "a new remote" is just a remote.
    {"is new", "changelog"},
    {"s new", "changelog"},
    {"vs code", "vscode"},
    {"env var", "environment variable"},
    {"env vars", "environment variable"},
    {"virtual environment", "venv"},
    {"virtual env", "venv"},
    {"command line", "terminal"},
    {"is possible", ""},
    {"best way", ""},
    {"good way", ""},
    {"right way", ""},
    {"proper way", ""},
    {"correct way", ""},
    {"easiest way", ""},
    {"simplest way", ""},
    {"step by", ""},
    {"figure out", ""},
    {"in short", ""},
    {"real quick", ""},
    {"os x", "macos"},
    {"speed up", "faster"},
  };

  /** Words that make a question a comparison of the things it names, in any order. */
  private static final List<String> COMPARISON =
      List.of(
          "vs",
          "versus",
          "difference",
          "differences",
          "differ",
          "compare",
          "compared",
          "comparison");

  /** "Node.js", "nodejs" and "Node" name one runtime. */
  private static final Pattern JS_NAMES =
      Pattern.compile("\\b(node|next|vue|nuxt|react|express)\\.?js\\b");

  private static final Pattern BRITISH_ISE =
      Pattern.compile(".+[^aeiou]is(e|es|ed|ing|ation|ations)");

  private static final Pattern BRITISH_RE = Pattern.compile(".+[^aeiou]re");

  private static final Map<String, String> CANONICAL = new HashMap<>();
  private static final Map<String, String> PHRASE = new HashMap<>();

  static {
    for (String group : GROUPS) {
      String[] words = group.split(" ");
      for (String word : words) {
        CANONICAL.put(word, words[0]);
      }
    }
    for (String[] phrase : PHRASES) {
      PHRASE.put(phrase[0], phrase[1]);
    }
  }

  private WordSynonyms() {}

  /**
   * The digits for an English number word from two to twelve, or null. "One" is left alone: it is
   * as often a pronoun ("one more", "one of them") as a count.
   */
  static String digits(String lowerCaseWord) {
    for (int i = 2; i < NUMBER_WORDS.length; i++) {
      if (NUMBER_WORDS[i].equals(lowerCaseWord)) {
        return Integer.toString(i);
      }
    }
    return null;
  }

  /** Lower-case text with names spelled several ways spelled one way. */
  static String canonicalNames(String lowerCase) {
    return lowerCase.contains("js") ? JS_NAMES.matcher(lowerCase).replaceAll("$1") : lowerCase;
  }

  /** The word a question means by {@code word}, itself when it has no synonym here. */
  static String canonical(String word) {
    String digits = digits(word);
    return digits != null ? digits : CANONICAL.getOrDefault(word, word);
  }

  /** What the two words read as together, or null when they are no phrase of this table. */
  static String phrase(String first, String second) {
    return PHRASE.get(first + " " + second);
  }

  static boolean isComparison(String word) {
    return COMPARISON.contains(word);
  }

  /**
   * British spellings as American ones, so that "initialise" and "initialize", "colour" and
   * "color", "centre" and "center" stem alike.
   */
  static String americanSpelling(String word) {
    if (word.length() < 6) {
      return word;
    }
    if (BRITISH_ISE.matcher(word).matches()) {
      int at = word.lastIndexOf("is");
      return word.substring(0, at) + "iz" + word.substring(at + 2);
    }
    if (word.endsWith("yse") || word.endsWith("ysed")) {
      int at = word.lastIndexOf("ys");
      return word.substring(0, at) + "yz" + word.substring(at + 2);
    }
    if (word.endsWith("our") || word.endsWith("ours")) {
      int at = word.lastIndexOf("our");
      return word.substring(0, at) + "or" + word.substring(at + 3);
    }
    if (BRITISH_RE.matcher(word).matches()) {
      return word.substring(0, word.length() - 2) + "er";
    }
    return word;
  }
}
