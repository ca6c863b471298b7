package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import org.junit.jupiter.api.Test;

class JobGateTest {

  @Test
  void an_unsure_deep_verdict_is_answered_as_fast_and_says_how_to_ask_for_a_job() {
    Classification unsure = new Classification(RequestClass.DEEP, 0.6, "embedding", "nearest: x");

    Classification gated = JobGate.check(unsure);

    assertThat(gated.requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(gated.tier()).isEqualTo(JobGate.ABSTAINED);
    assertThat(gated.reason()).contains("deep at 0.60").contains("coracle-deep");
  }

  @Test
  void an_unsure_research_verdict_is_answered_as_fast() {
    Classification gated =
        JobGate.check(new Classification(RequestClass.RESEARCH, 0.74, "embedding", "x"));

    assertThat(gated.requestClass()).isEqualTo(RequestClass.FAST);
  }

  @Test
  void a_confident_job_verdict_stands() {
    Classification sure = new Classification(RequestClass.RESEARCH, 0.9, "embedding", "x");

    assertThat(JobGate.check(sure)).isSameAs(sure);
  }

  @Test
  void a_weak_rule_alone_never_starts_a_job_but_a_strong_one_does() {
    Classification weak = new Classification(RequestClass.DEEP, 0.75, RulesClassifier.TIER, "x");
    Classification strong =
        new Classification(
            RequestClass.DEEP, RulesClassifier.STRONG_CONFIDENCE, RulesClassifier.TIER, "x");

    assertThat(JobGate.check(weak).requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(JobGate.check(strong)).isSameAs(strong);
  }

  @Test
  void unsure_fast_and_status_verdicts_are_left_alone() {
    Classification status = new Classification(RequestClass.STATUS, 0.4, "embedding", "x");
    Classification fast = new Classification(RequestClass.FAST, 0.3, "embedding", "x");

    assertThat(JobGate.check(status)).isSameAs(status);
    assertThat(JobGate.check(fast)).isSameAs(fast);
  }
}
