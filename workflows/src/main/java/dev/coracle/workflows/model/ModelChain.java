package dev.coracle.workflows.model;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.chat.ChatErrorType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * Workflow-side: tries routed models in order until one answers. Each call runs on the queue its
 * model needs, so local models go through the single LLM slot. Chats and jobs share it.
 */
public final class ModelChain {
  private static final Logger log = Workflow.getLogger(ModelChain.class);

  private ModelChain() {}

  /**
   * The answer and who gave it.
   *
   * @param fallbacks one line per candidate that failed before {@code target} answered
   */
  public record Answered(ModelTarget target, ModelAnswer answer, List<String> fallbacks) {}

  /**
   * Calls the candidates of {@code plan} in order with the call {@code callFor} builds for each.
   *
   * @throws ApplicationFailure {@code NO_PROVIDER} when none answered, or {@code STREAM_BROKEN}
   *     when a streamed answer broke after its first tokens (another model would answer twice)
   */
  public static Answered call(RoutePlan plan, Function<ModelTarget, ModelCall> callFor) {
    return call(plan, callFor, target -> false);
  }

  /**
   * Like {@link #call(RoutePlan, Function)}, but runs a call as a local activity where {@code
   * inProcess} says so: in the workflow's own task, without a trip through a task queue.
   */
  public static Answered call(
      RoutePlan plan, Function<ModelTarget, ModelCall> callFor, Predicate<ModelTarget> inProcess) {
    return attempt(
        plan,
        target -> {
          ModelActivities models =
              inProcess.test(target)
                  ? Workflow.newLocalActivityStub(
                      ModelActivities.class, ActivityOptionsCatalog.modelCallInProcess(target))
                  : Workflow.newActivityStub(
                      ModelActivities.class, ActivityOptionsCatalog.modelCall(target));
          return models.call(callFor.apply(target));
        });
  }

  /**
   * Like {@link #call}, with the activity each candidate is asked through left to {@code ask}, for
   * calls whose input is not a {@link ModelCall} (a job's coder turn, built from the store). The
   * order, the fallbacks and the failures are the same.
   */
  public static Answered attempt(RoutePlan plan, Function<ModelTarget, ModelAnswer> ask) {
    List<String> fallbacks = new ArrayList<>();
    for (ModelTarget target : plan.candidates()) {
      try {
        ModelAnswer answer = ask.apply(target);
        return new Answered(target, answer, List.copyOf(fallbacks));
      } catch (ActivityFailure failure) {
        ApplicationFailure cause = applicationCause(failure);
        if (cause != null && ChatErrorType.STREAM_BROKEN.name().equals(cause.getType())) {
          throw ApplicationFailure.newNonRetryableFailure(
              cause.getOriginalMessage(), ChatErrorType.STREAM_BROKEN.name());
        }
        String reason = cause != null ? cause.getOriginalMessage() : failure.getMessage();
        log.warn("{} failed, trying the next candidate: {}", target.qualifiedName(), reason);
        fallbacks.add(target.qualifiedName() + ": " + reason);
      }
    }
    throw ApplicationFailure.newNonRetryableFailure(
        noAnswer(plan, fallbacks), ChatErrorType.NO_PROVIDER.name());
  }

  /**
   * Why no candidate of {@code plan} answered: every failure in order, then every provider the
   * route left out. Shared with {@link InProcessChain}, so a chat fails with the same words either
   * way.
   */
  public static String noAnswer(RoutePlan plan, List<String> fallbacks) {
    List<String> reasons = new ArrayList<>(fallbacks);
    reasons.addAll(plan.skippedOrEmpty());
    return plan.candidates().isEmpty() && plan.unavailable() != null
        ? plan.unavailable()
        : "no provider could answer: " + String.join("; ", reasons);
  }

  private static ApplicationFailure applicationCause(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    while (cause != null) {
      if (cause instanceof ApplicationFailure application) {
        return application;
      }
      cause = cause.getCause();
    }
    return null;
  }
}
