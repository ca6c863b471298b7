package dev.coracle.activities.workspace;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Guesses which files a request is about from the words it uses: a request that names {@code
 * Parser.java} or "the parser" is about {@code src/Parser.java}. Names weigh more than directories,
 * and a path or file name written out in full weighs most.
 */
final class RelevantFiles {

  /** Words too common in requests to say anything about a file. */
  private static final Set<String> STOPWORDS =
      Set.of(
          "the", "and", "for", "with", "that", "this", "from", "into", "add", "fix", "make", "use",
          "file", "files", "code", "please", "should", "would", "could", "when", "what", "then",
          "also", "new", "all", "not", "are", "was", "can", "has", "have", "our", "its", "you",
          "your", "there", "them", "they", "will", "does", "how", "why", "which", "but", "just");

  private RelevantFiles() {}

  /** The files with a score above zero, best first; ties go to the shorter path. */
  static List<String> rank(String request, List<String> files) {
    Set<String> words = words(request);
    return files.stream()
        .map(path -> new Scored(path, score(path, words)))
        .filter(scored -> scored.score > 0)
        .sorted(
            Comparator.comparingInt((Scored scored) -> -scored.score)
                .thenComparingInt(scored -> scored.path.length())
                .thenComparing(scored -> scored.path))
        .map(scored -> scored.path)
        .toList();
  }

  /** The request's words in lower case, with paths and dotted names kept whole and also split. */
  static Set<String> words(String request) {
    Set<String> words = new LinkedHashSet<>();
    String lower = request == null ? "" : request.toLowerCase(Locale.ROOT);
    for (String token : lower.split("[^a-z0-9_./-]+")) {
      String word = token.replaceAll("^[./-]+|[./-]+$", "");
      add(words, word);
      for (String part : word.split("[/._-]+")) {
        add(words, part);
      }
    }
    return words;
  }

  static int score(String path, Set<String> words) {
    String lower = path.toLowerCase(Locale.ROOT);
    int slash = lower.lastIndexOf('/');
    String name = lower.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    List<String> directories =
        slash < 0 ? List.of() : List.of(lower.substring(0, slash).split("/"));
    int score = 0;
    for (String word : words) {
      boolean written = word.contains("/") || word.contains(".");
      if (written && (lower.equals(word) || lower.endsWith("/" + word))) {
        score += 10;
      } else if (stem.equals(word) || name.equals(word)) {
        score += 6;
      } else if (word.length() >= 4 && stem.contains(word)) {
        score += 3;
      }
      if (directories.contains(word)) {
        score += 1;
      }
    }
    return score;
  }

  private static void add(Set<String> words, String word) {
    if (word.length() >= 3 && !STOPWORDS.contains(word)) {
      words.add(word);
    }
  }

  private record Scored(String path, int score) {}
}
