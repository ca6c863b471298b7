package dev.coracle.api;

import dev.coracle.activities.cache.CacheEvaluation;
import dev.coracle.activities.classify.ClassifierEvaluation;
import dev.coracle.activities.classify.LabeledPrompt;
import dev.coracle.activities.classify.TieredClassifier;
import dev.coracle.activities.embeddings.LocalEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coracle eval classify|cache [files]}: the classifier's and the semantic cache's figures on
 * labeled sets.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate coracle's components on labeled data.",
    subcommands = {EvalCommand.Classify.class, EvalCommand.Cache.class})
final class EvalCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "classify",
      mixinStandardHelpOptions = true,
      description =
          "Print accuracy, precision and recall per class, the confusion matrix, the misroutes"
              + " that would start a job and p50/p99 latency of the classifier, for each JSONL"
              + " file of {\"text\", \"class\"} lines.")
  static final class Classify implements Callable<Integer> {
    @Parameters(
        arity = "0..*",
        description =
            "Labeled prompts (default: the team's set and the five former held-out sets, now"
                + " team-owned).")
    List<Path> files = new ArrayList<>();

    @Option(
        names = "--show-errors",
        description =
            "List each misclassified prompt; a set kept for judging never lists its own (name"
                + " the file to see them, which spends it for judging).")
    boolean showErrors;

    @Option(
        names = "--rounds",
        description =
            "Time each prompt this many times and report the fastest (default: ${DEFAULT-VALUE});"
                + " on a busy machine, 5 estimates an idle one.",
        defaultValue = "1")
    int rounds;

    @Override
    public Integer call() {
      List<Path> sets =
          files.isEmpty()
              ? List.of(
                  Path.of(ClassifierEvaluation.DEFAULT_SET),
                  Path.of(ClassifierEvaluation.HELD_OUT_SET),
                  Path.of(ClassifierEvaluation.HELD_OUT_SET_2),
                  Path.of(ClassifierEvaluation.HELD_OUT_SET_3),
                  Path.of(ClassifierEvaluation.HELD_OUT_SET_4),
                  Path.of(ClassifierEvaluation.HELD_OUT_SET_5))
              : files;
      List<List<LabeledPrompt>> prompts = readAll(sets, LabeledPrompt::readJsonl);
      if (prompts == null) {
        return ServeCommand.EXIT_STARTUP_FAILED;
      }
      TieredClassifier classifier = new TieredClassifier(new LocalEmbeddings());
      for (int i = 0; i < sets.size(); i++) {
        System.out.println("== " + sets.get(i));
        // The sets kept for judging list no errors unless named on the command line.
        boolean judging =
            files.isEmpty() && ClassifierEvaluation.JUDGING_SETS.contains(sets.get(i).toString());
        System.out.print(
            ClassifierEvaluation.evaluate(classifier, prompts.get(i), Math.max(1, rounds))
                .render(showErrors && !judging));
        System.out.println();
      }
      return 0;
    }
  }

  @Command(
      name = "cache",
      mixinStandardHelpOptions = true,
      description =
          "Print the semantic cache's recall of paraphrases, its false hits and its precision, for"
              + " each JSONL file of {\"a\", \"b\", \"same\"} pairs.")
  static final class Cache implements Callable<Integer> {
    @Parameters(
        arity = "0..*",
        description =
            "Labeled pairs (default: the team's set, the first held-out set and the third to"
                + " fifth sets, now team-owned).")
    List<Path> files = new ArrayList<>();

    @Option(
        names = "--similarity",
        description = "The cosine similarity threshold (default: ${DEFAULT-VALUE}, as shipped).",
        defaultValue = "0.80")
    double similarity;

    @Option(
        names = "--show-errors",
        description = "List each wrong pair (keep it off for a set used for judging).")
    boolean showErrors;

    @Override
    public Integer call() {
      List<Path> sets =
          files.isEmpty()
              ? List.of(
                  Path.of(CacheEvaluation.DEFAULT_SET),
                  Path.of(CacheEvaluation.HELD_OUT_SET),
                  Path.of(CacheEvaluation.HELD_OUT_SET_3),
                  Path.of(CacheEvaluation.HELD_OUT_SET_4),
                  Path.of(CacheEvaluation.HELD_OUT_SET_5))
              : files;
      List<List<CacheEvaluation.Pair>> pairs = readAll(sets, CacheEvaluation::read);
      if (pairs == null) {
        return ServeCommand.EXIT_STARTUP_FAILED;
      }
      LocalEmbeddings embeddings = new LocalEmbeddings();
      for (int i = 0; i < sets.size(); i++) {
        System.out.println("== " + sets.get(i));
        System.out.print(
            CacheEvaluation.evaluate(embeddings, pairs.get(i), similarity).render(showErrors));
        System.out.println();
      }
      return 0;
    }
  }

  /** Each file read, or null after saying on stderr which one could not be. */
  private static <T> List<List<T>> readAll(List<Path> files, Function<Path, List<T>> reader) {
    List<List<T>> all = new ArrayList<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        System.err.println("coracle: " + file + " is not a file");
        return null;
      }
      try {
        all.add(reader.apply(file));
      } catch (RuntimeException e) {
        System.err.println("coracle: " + file + ": " + e.getMessage());
        return null;
      }
    }
    return all;
  }
}
