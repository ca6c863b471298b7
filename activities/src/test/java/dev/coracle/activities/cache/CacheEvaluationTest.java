package dev.coracle.activities.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache's matching against the labeled pair sets in {@code docs/evals}. */
class CacheEvaluationTest {
  static final double SHIPPED_SIMILARITY = 0.80;

  @Test
  void the_teams_pair_set_is_large_and_gets_90_percent_recall_and_no_false_hit() {
    List<CacheEvaluation.Pair> pairs =
        CacheEvaluation.read(Path.of("../docs/evals/cache-pairs.jsonl"));
    CacheEvaluation.Report report =
        CacheEvaluation.evaluate(TestCache.EMBEDDINGS, pairs, SHIPPED_SIMILARITY);

    assertThat(pairs).hasSizeGreaterThanOrEqualTo(150);
    assertThat(report.nearMisses()).isGreaterThanOrEqualTo(70);
    assertThat(report.falseHits()).as(report.render(true)).isZero();
    assertThat(report.recall()).as(report.render(true)).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void the_held_out_pair_set_gets_90_percent_recall_and_no_false_hit_without_listing_errors() {
    CacheEvaluation.Report report =
        CacheEvaluation.evaluate(
            TestCache.EMBEDDINGS,
            CacheEvaluation.read(Path.of("../docs/evals/cache-pairs-heldout.jsonl")),
            SHIPPED_SIMILARITY);

    assertThat(report.falseHits()).as(report.render(false)).isZero();
    assertThat(report.recall()).as(report.render(false)).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void the_third_pair_set_written_apart_gets_90_percent_recall_and_no_false_hit() {
    CacheEvaluation.Report report =
        CacheEvaluation.evaluate(
            TestCache.EMBEDDINGS,
            CacheEvaluation.read(Path.of("../docs/evals/cache-pairs-heldout-3.jsonl")),
            SHIPPED_SIMILARITY);

    assertThat(report.falseHits()).as(report.render(true)).isZero();
    assertThat(report.recall()).as(report.render(true)).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void cosine_alone_would_serve_wrong_answers_that_the_guard_stops() {
    CacheEvaluation.Report report =
        CacheEvaluation.evaluate(
            TestCache.EMBEDDINGS,
            List.of(
                new CacheEvaluation.Pair(
                    "which is slower, ArrayList or LinkedList?",
                    "Which is faster, ArrayList or LinkedList?",
                    false,
                    null),
                new CacheEvaluation.Pair(
                    "what's the capital city of france",
                    "What is the capital city of France?",
                    true,
                    null)),
            SHIPPED_SIMILARITY);

    assertThat(report.outcomes().get(0).cosineHit()).isTrue();
    assertThat(report.outcomes().get(0).hit()).isFalse();
    assertThat(report.outcomes().get(1).hit()).isTrue();
  }
}
