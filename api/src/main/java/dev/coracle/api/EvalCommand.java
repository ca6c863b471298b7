package dev.coracle.api;

import dev.coracle.activities.classify.ClassifierEvaluation;
import dev.coracle.activities.classify.LabeledPrompt;
import dev.coracle.activities.classify.TieredClassifier;
import dev.coracle.activities.embeddings.LocalEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coracle eval classify [file]}: the classifier's accuracy and latency on a labeled set. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate coracle's components on labeled data.",
    subcommands = {EvalCommand.Classify.class})
final class EvalCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "classify",
      mixinStandardHelpOptions = true,
      description =
          "Print accuracy per class, the confusion matrix and p50/p99 latency of the classifier"
              + " on a JSONL file of {\"text\", \"class\"} lines.")
  static final class Classify implements Callable<Integer> {
    @Parameters(
        arity = "0..1",
        description = "Labeled prompts (default: ${DEFAULT-VALUE}).",
        defaultValue = ClassifierEvaluation.DEFAULT_SET)
    Path file;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        System.err.println("coracle: " + file + " is not a file");
        return ServeCommand.EXIT_STARTUP_FAILED;
      }
      List<LabeledPrompt> prompts;
      try {
        prompts = LabeledPrompt.readJsonl(file);
      } catch (RuntimeException e) {
        System.err.println("coracle: " + file + ": " + e.getMessage());
        return ServeCommand.EXIT_STARTUP_FAILED;
      }
      TieredClassifier classifier = new TieredClassifier(new LocalEmbeddings());
      System.out.print(ClassifierEvaluation.evaluate(classifier, prompts).render());
      return 0;
    }
  }
}
