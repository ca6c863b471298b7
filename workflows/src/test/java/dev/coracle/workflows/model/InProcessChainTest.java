package dev.coracle.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.Usage;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The candidates of one activity: which plans it takes, and which failures it asks again. */
class InProcessChainTest {
  static final ModelTarget CLOUD = new ModelTarget("groq", "llama", false, 30);
  static final ModelTarget SECOND = new ModelTarget("cerebras", "qwen", false, 30);
  static final ModelTarget LOCAL = new ModelTarget("ollama", "qwen2.5:7b", true, 30);
  static final ModelAnswer ANSWER = new ModelAnswer("Paris.", "stop", new Usage(5, 2), 3);

  final List<String> asked = new CopyOnWriteArrayList<>();

  static RoutePlan plan(List<ModelTarget> candidates) {
    return new RoutePlan(candidates, null);
  }

  @Test
  void cloud_plans_are_called_here_and_a_local_model_or_an_empty_plan_is_not() {
    assertThat(InProcessChain.callableHere(plan(List.of(CLOUD, SECOND)))).isTrue();
    assertThat(InProcessChain.callableHere(plan(List.of(CLOUD, LOCAL)))).isFalse();
    assertThat(InProcessChain.callableHere(plan(List.of()))).isFalse();
  }

  @Test
  void a_plan_whose_worst_case_exceeds_the_activity_bound_is_left_to_one_activity_per_call() {
    // 93 minutes each at the default timeouts: sixteen of them outlast the day.
    List<ModelTarget> many = new ArrayList<>(Collections.nCopies(16, CLOUD));

    assertThat(InProcessChain.callableHere(plan(many))).isFalse();
    assertThat(InProcessChain.callableHere(plan(many.subList(0, 15)))).isTrue();
  }

  @Test
  void an_unexpected_error_is_asked_again_once_then_the_next_candidate_answers() {
    InProcessChain.Outcome outcome =
        InProcessChain.call(
            plan(List.of(CLOUD, SECOND)),
            (target, attempt) -> {
              asked.add(target.qualifiedName() + "#" + attempt);
              if (target == CLOUD) {
                throw new IllegalStateException("connection reset");
              }
              return ANSWER;
            });

    assertThat(asked).containsExactly("groq/llama#1", "groq/llama#2", "cerebras/qwen#1");
    assertThat(outcome.answered().target()).isEqualTo(SECOND);
    assertThat(outcome.answered().fallbacks()).containsExactly("groq/llama: connection reset");
  }

  @Test
  void a_failure_the_retry_policy_names_is_never_asked_again() {
    InProcessChain.Outcome outcome =
        InProcessChain.call(
            plan(List.of(CLOUD)),
            (target, attempt) -> {
              asked.add(target.qualifiedName() + "#" + attempt);
              // Retryable as thrown, but the model call's policy lists the type.
              throw ApplicationFailure.newFailure("HTTP 401", ChatErrorType.UPSTREAM_AUTH.name());
            });

    assertThat(asked).containsExactly("groq/llama#1");
    assertThat(outcome.answered()).isNull();
    assertThat(outcome.failureType()).isEqualTo(ChatErrorType.NO_PROVIDER.name());
    assertThat(outcome.failure()).isEqualTo("no provider could answer: groq/llama: HTTP 401");
  }
}
