package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import org.junit.jupiter.api.Test;

class JobGateTest {
  /** A prompt whose wording leaves the size of the work open. */
  private static final String WORK = "refactor the billing module and update its tests";

  @Test
  void an_unsure_deep_verdict_is_answered_as_fast_and_says_how_to_ask_for_a_job() {
    Classification unsure = new Classification(RequestClass.DEEP, 0.6, "embedding", "nearest: x");

    Classification gated = JobGate.check(unsure, WORK);

    assertThat(gated.requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(gated.tier()).isEqualTo(JobGate.ABSTAINED);
    assertThat(gated.reason()).contains("deep at 0.60").contains("coracle-deep");
  }

  @Test
  void an_unsure_research_verdict_is_answered_as_fast() {
    Classification gated =
        JobGate.check(new Classification(RequestClass.RESEARCH, 0.74, "embedding", "x"), WORK);

    assertThat(gated.requestClass()).isEqualTo(RequestClass.FAST);
  }

  @Test
  void a_confident_job_verdict_stands() {
    Classification sure = new Classification(RequestClass.RESEARCH, 0.9, "embedding", "x");

    assertThat(JobGate.check(sure, WORK)).isSameAs(sure);
  }

  @Test
  void a_weak_rule_alone_never_starts_a_job_but_a_strong_one_does() {
    Classification weak = new Classification(RequestClass.DEEP, 0.75, RulesClassifier.TIER, "x");
    Classification strong =
        new Classification(
            RequestClass.DEEP, RulesClassifier.STRONG_CONFIDENCE, RulesClassifier.TIER, "x");

    assertThat(JobGate.check(weak, WORK).requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(JobGate.check(strong, WORK)).isSameAs(strong);
  }

  @Test
  void unsure_fast_and_status_verdicts_are_left_alone() {
    Classification status = new Classification(RequestClass.STATUS, 0.4, "embedding", "x");
    Classification fast = new Classification(RequestClass.FAST, 0.3, "embedding", "x");

    assertThat(JobGate.check(status, WORK)).isSameAs(status);
    assertThat(JobGate.check(fast, WORK)).isSameAs(fast);
  }

  @Test
  void a_sure_job_verdict_for_a_prompt_that_asks_for_one_line_is_answered_as_fast() {
    Classification sure = new Classification(RequestClass.DEEP, 0.92, "embedding", "x");

    Classification gated = JobGate.check(sure, "write a PR title for: add retry to the uploader");

    assertThat(gated.requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(gated.tier()).isEqualTo(JobGate.ABSTAINED);
    assertThat(gated.reason()).contains("pr title").contains("coracle-deep");
  }

  @Test
  void a_sure_job_verdict_for_one_word_is_answered_as_fast_in_any_script() {
    Classification sure = new Classification(RequestClass.RESEARCH, 0.9, "embedding", "x");

    assertThat(JobGate.check(sure, "kubernetes").requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(JobGate.check(sure, "Rust 最新版本是多少？")).isSameAs(sure);
  }

  @Test
  void a_strong_rule_starts_a_job_even_for_a_short_prompt() {
    Classification strong =
        new Classification(
            RequestClass.RESEARCH, RulesClassifier.STRONG_CONFIDENCE, RulesClassifier.TIER, "x");

    assertThat(JobGate.check(strong, "/research rust")).isSameAs(strong);
  }

  @Test
  void a_local_model_vote_for_a_job_never_overrides_an_unsure_fast_verdict() {
    Classification before = new Classification(RequestClass.FAST, 0.55, "embedding", "x");
    Classification vote = new Classification(RequestClass.DEEP, 0.97, "llm", "local model vote");

    Classification gated = JobGate.afterVote(vote, before, WORK);

    assertThat(gated.requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(gated.tier()).isEqualTo(JobGate.ABSTAINED);
    assertThat(gated.reason()).contains("voted deep at 0.97").contains("coracle-deep");
  }

  @Test
  void a_local_model_vote_may_move_a_gated_job_between_deep_and_research() {
    Classification before = new Classification(RequestClass.DEEP, 0.8, "embedding", "x");
    Classification sure = new Classification(RequestClass.RESEARCH, 0.9, "llm", "vote");
    Classification unsure = new Classification(RequestClass.RESEARCH, 0.6, "llm", "vote");

    assertThat(JobGate.afterVote(sure, before, WORK)).isSameAs(sure);
    assertThat(JobGate.afterVote(unsure, before, WORK).requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(JobGate.afterVote(sure, before, "write a one-line summary").requestClass())
        .isEqualTo(RequestClass.FAST);
  }

  @Test
  void a_local_model_vote_for_fast_or_status_stands() {
    Classification before = new Classification(RequestClass.DEEP, 0.8, "embedding", "x");
    Classification vote = new Classification(RequestClass.STATUS, 0.6, "llm", "vote");

    assertThat(JobGate.afterVote(vote, before, WORK)).isSameAs(vote);
  }

  @Test
  void a_weak_rule_of_the_same_class_lowers_the_confidence_a_job_needs() {
    Classification verdict = new Classification(RequestClass.DEEP, 0.65, "embedding", "x");

    assertThat(JobGate.check(verdict, WORK, true)).isSameAs(verdict);
    assertThat(JobGate.check(verdict, WORK, false).requestClass()).isEqualTo(RequestClass.FAST);
    Classification tooUnsure = new Classification(RequestClass.DEEP, 0.55, "embedding", "x");
    assertThat(JobGate.check(tooUnsure, WORK, true).reason()).contains("below 0.60");
  }

  @Test
  void a_job_verdict_for_a_question_about_progress_is_answered_from_the_job_store() {
    Classification sure = new Classification(RequestClass.DEEP, 0.92, "embedding", "x");

    Classification gated = JobGate.check(sure, "where are we with the test fixes?");

    assertThat(gated.requestClass()).isEqualTo(RequestClass.STATUS);
    assertThat(gated.tier()).isEqualTo(JobGate.PROGRESS);
    assertThat(gated.reason()).contains("deep at 0.92").contains("how far");
  }

  @Test
  void a_job_verdict_for_a_question_about_coracles_own_state_is_answered_from_the_status_store() {
    Classification sure = new Classification(RequestClass.RESEARCH, 0.95, "embedding", "x");

    Classification gated = JobGate.check(sure, "r we out of free tier on anything");

    assertThat(gated.requestClass()).isEqualTo(RequestClass.STATUS);
    assertThat(gated.tier()).isEqualTo(JobGate.OWN_STATE);
    assertThat(gated.reason()).contains("research at 0.95").contains("own quotas");
  }
}
