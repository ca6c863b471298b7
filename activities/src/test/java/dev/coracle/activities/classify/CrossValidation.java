package dev.coracle.activities.classify;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Five-fold cross-validation of the classifier as it is built (rules, n-grams, embedding, job gate)
 * on the exemplars and the team-owned labeled sets pooled together: each fold trains on the other
 * four fifths and classifies its own fifth. It is how the classifier's constants and changes are
 * chosen without fitting one set. Usage, from the repository root with the test class path: {@code
 * CrossValidation [seed] [--show-errors] [--with-heldout-3] [--params SETTINGS]}. The third
 * held-out set is pooled only when asked, so that figures stay comparable with those recorded
 * before it was team-owned. Prints accuracy and job-starting misroutes overall and per source.
 * {@code --params} runs the folds once per setting of the embedding tier, the texts embedded once
 * for all ({@code "t=0.05,l2=1e-3;t=0.1"}: keys n, t, w, l2, epochs and sharp, the rest as
 * shipped), and prints one summary line each: it is how the constants that depend on the model's
 * cosine scale are chosen when the sentence model changes.
 */
final class CrossValidation {
  private static final int FOLDS = 5;

  /** A pooled prompt and the file it came from. */
  record Item(LabeledPrompt prompt, String source) {}

  private CrossValidation() {}

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 7;
    List<String> flags = List.of(args);
    boolean showErrors = flags.contains("--show-errors");
    List<String> sets =
        new ArrayList<>(
            List.of(
                ClassifierEvaluation.DEFAULT_SET,
                ClassifierEvaluation.HELD_OUT_SET,
                ClassifierEvaluation.HELD_OUT_SET_2));
    if (flags.contains("--with-heldout-3")) {
      sets.add(ClassifierEvaluation.HELD_OUT_SET_3);
    }
    List<Item> pool = new ArrayList<>();
    EmbeddingClassifier.defaultExemplars().forEach(p -> pool.add(new Item(p, "exemplars")));
    for (String set : sets) {
      String name = Path.of(set).getFileName().toString().replace(".jsonl", "");
      LabeledPrompt.readJsonl(Path.of(set)).forEach(p -> pool.add(new Item(p, name)));
    }
    Collections.shuffle(pool, new Random(seed));
    MemoEmbeddings embeddings = new MemoEmbeddings();
    int sweep = flags.indexOf("--params");
    if (sweep >= 0) {
      for (String setting : args[sweep + 1].split(";")) {
        run(pool, embeddings, params(setting), seed, false, false, setting);
      }
      return;
    }
    run(pool, embeddings, EmbeddingClassifier.Params.DEFAULT, seed, showErrors, true, "");
  }

  /** The shipped parameters with those {@code setting} names ({@code "t=0.05,l2=1e-3"}) changed. */
  static EmbeddingClassifier.Params params(String setting) {
    EmbeddingClassifier.Params p = EmbeddingClassifier.Params.DEFAULT;
    int n = p.neighbours();
    double t = p.temperature();
    double w = p.neighbourWeight();
    double l2 = p.l2();
    int epochs = p.epochs();
    double sharp = p.sharpness();
    for (String pair : setting.split(",")) {
      String[] kv = pair.strip().split("=");
      double v = Double.parseDouble(kv[1]);
      switch (kv[0]) {
        case "n" -> n = (int) v;
        case "t" -> t = v;
        case "w" -> w = v;
        case "l2" -> l2 = v;
        case "epochs" -> epochs = (int) v;
        case "sharp" -> sharp = v;
        default -> throw new IllegalArgumentException("unknown parameter " + kv[0]);
      }
    }
    return new EmbeddingClassifier.Params(n, t, w, l2, epochs, sharp);
  }

  private static void run(
      List<Item> pool,
      MemoEmbeddings embeddings,
      EmbeddingClassifier.Params params,
      long seed,
      boolean showErrors,
      boolean detailed,
      String label) {
    Map<String, int[]> bySource = new LinkedHashMap<>();
    int[][] matrix = new int[4][4];
    int misroutes = 0;
    for (int fold = 0; fold < FOLDS; fold++) {
      List<LabeledPrompt> train = new ArrayList<>();
      List<Item> test = new ArrayList<>();
      for (int i = 0; i < pool.size(); i++) {
        if (i % FOLDS == fold) {
          test.add(pool.get(i));
        } else {
          train.add(pool.get(i).prompt());
        }
      }
      TieredClassifier classifier =
          new TieredClassifier(new EmbeddingClassifier(embeddings, train, params));
      for (Item item : test) {
        Classification verdict = classifier.classify(item.prompt().text());
        RequestClass truth = item.prompt().requestClass();
        RequestClass predicted = verdict.requestClass();
        matrix[truth.ordinal()][predicted.ordinal()]++;
        int[] counts = bySource.computeIfAbsent(item.source(), s -> new int[3]);
        counts[0]++;
        counts[1] += truth == predicted ? 1 : 0;
        if (showErrors && truth != predicted) {
          System.out.printf(
              "  miss [%s] %s -> %s (%s %.2f): %s%n",
              item.source(),
              truth.wireName(),
              predicted.wireName(),
              verdict.tier(),
              verdict.confidence(),
              EmbeddingClassifier.abbreviate(item.prompt().text()));
        }
        if (!startsJob(truth) && startsJob(predicted)) {
          counts[2]++;
          misroutes++;
          if (!detailed) {
            continue;
          }
          System.out.printf(
              "  misroute %s -> %s (%s %.2f): %s%n",
              truth.wireName(),
              predicted.wireName(),
              verdict.tier(),
              verdict.confidence(),
              EmbeddingClassifier.abbreviate(item.prompt().text()));
        }
      }
    }
    int total = 0;
    int correct = 0;
    for (Map.Entry<String, int[]> entry : bySource.entrySet()) {
      int[] c = entry.getValue();
      total += c[0];
      correct += c[1];
      if (!detailed) {
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "%-22s %4d  accuracy %.3f  job-starting misroutes %d%n",
          entry.getKey(),
          c[0],
          (double) c[1] / c[0],
          c[2]);
    }
    System.out.printf(
        Locale.ROOT,
        "%-22s %4d  accuracy %.3f  job-starting misroutes %d%n",
        "all (seed " + seed + ")" + (label.isEmpty() ? "" : " " + label),
        total,
        (double) correct / total,
        misroutes);
    if (!detailed) {
      return;
    }
    System.out.println("confusion (rows = truth: status fast deep research)");
    for (int[] row : matrix) {
      System.out.printf("  %5d %5d %5d %5d%n", row[0], row[1], row[2], row[3]);
    }
  }

  private static boolean startsJob(RequestClass c) {
    return c == RequestClass.DEEP || c == RequestClass.RESEARCH;
  }

  /** Embeds each text once for all folds: the model is the slow part and never changes. */
  private static final class MemoEmbeddings extends LocalEmbeddings {
    private final Map<String, float[]> memo = new HashMap<>();

    @Override
    public float[] embed(String text) {
      return memo.computeIfAbsent(text, super::embed);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      List<String> missing = texts.stream().distinct().filter(t -> !memo.containsKey(t)).toList();
      if (!missing.isEmpty()) {
        List<float[]> vectors = super.embedAll(missing);
        for (int i = 0; i < missing.size(); i++) {
          memo.put(missing.get(i), vectors.get(i));
        }
      }
      return texts.stream().map(memo::get).toList();
    }
  }
}
