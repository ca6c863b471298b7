package dev.coracle.activities.cache;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Recall and false hits of the semantic cache at several similarity thresholds, on every pair set,
 * with each pair embedded once. It is how {@code cache.similarity} is chosen when the sentence
 * model (and so its cosine scale) changes. Usage, from the repository root with the test class
 * path: {@code CacheThresholds [threshold...]} (default 0.70 to 0.95 by 0.05).
 */
final class CacheThresholds {
  private CacheThresholds() {}

  public static void main(String[] args) {
    double[] thresholds =
        args.length == 0
            ? new double[] {0.70, 0.75, 0.80, 0.85, 0.90, 0.95}
            : java.util.Arrays.stream(args).mapToDouble(Double::parseDouble).toArray();
    LocalEmbeddings embeddings = new LocalEmbeddings();
    for (String set :
        List.of(
            CacheEvaluation.DEFAULT_SET,
            CacheEvaluation.HELD_OUT_SET,
            CacheEvaluation.HELD_OUT_SET_3,
            CacheEvaluation.HELD_OUT_SET_4,
            CacheEvaluation.HELD_OUT_SET_5)) {
      // At a threshold below any cosine, a pair hits when its key and the guard agree; a higher
      // threshold only takes hits away, those below it.
      List<CacheEvaluation.Outcome> outcomes =
          CacheEvaluation.evaluate(embeddings, CacheEvaluation.read(Path.of(set)), -2).outcomes();
      long paraphrases = outcomes.stream().filter(o -> o.pair().same()).count();
      System.out.println("== " + set);
      for (double t : thresholds) {
        long recalled =
            outcomes.stream()
                .filter(o -> o.pair().same() && o.hit() && o.similarity() >= t)
                .count();
        long falseHits =
            outcomes.stream()
                .filter(o -> !o.pair().same() && o.hit() && o.similarity() >= t)
                .count();
        System.out.printf(
            Locale.ROOT,
            "  %.2f  recall %.3f (%d/%d)  false hits %d%n",
            t,
            (double) recalled / paraphrases,
            recalled,
            paraphrases,
            falseHits);
      }
    }
  }
}
