package dev.coracle.workflows.model;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.chat.ChatErrorType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activity-side: tries routed models in order on the calling thread, inside one activity, as {@link
 * ModelChain} does with one activity per candidate. The order, the attempts per candidate and their
 * back-off (those of {@link ActivityOptionsCatalog#modelCall}), which failures move on at once, the
 * fallback lines and the final failure's words are the same, so a chat answers and fails alike
 * either way.
 */
public final class InProcessChain {
  private static final Logger log = LoggerFactory.getLogger(InProcessChain.class);

  private InProcessChain() {}

  /** One attempt at one model; throws what the model activity would. */
  @FunctionalInterface
  public interface Attempt {
    /**
     * @param attempt 1 for the first attempt at {@code target}, 2 for its retry
     */
    ModelAnswer call(ModelTarget target, int attempt);
  }

  /**
   * How the chain ended: {@code answered} when a candidate answered, otherwise the chat's failure.
   *
   * @param failureType a {@link ChatErrorType} name when no candidate answered
   * @param failure the chat's failure message when no candidate answered
   */
  public record Outcome(ModelChain.Answered answered, String failureType, String failure) {}

  /**
   * True when the candidates of {@code plan} may all be called in one activity: there is one, none
   * needs the LLM slot (a local model queues for it on its own queue), and calling every one with
   * all its attempts fits in {@link ActivityOptionsCatalog#ROUTE_CALL_HAND_OVER_BOUND}, so that
   * bound never fires before the calls' own timeouts.
   */
  public static boolean callableHere(RoutePlan plan) {
    return !plan.candidates().isEmpty()
        && plan.candidates().stream().noneMatch(ModelTarget::local)
        && worstCase(plan).compareTo(ActivityOptionsCatalog.ROUTE_CALL_HAND_OVER_BOUND) <= 0;
  }

  /**
   * The longest calling every candidate of {@code plan}, each with all its attempts, may take: the
   * sum of their schedule-to-close bounds as separate activities.
   */
  static Duration worstCase(RoutePlan plan) {
    Duration sum = Duration.ZERO;
    for (ModelTarget target : plan.candidates()) {
      sum = sum.plus(ActivityOptionsCatalog.modelCall(target).getScheduleToCloseTimeout());
    }
    return sum;
  }

  /** Calls the candidates of {@code plan} in order until one answers. */
  public static Outcome call(RoutePlan plan, Attempt attempt) {
    List<String> fallbacks = new ArrayList<>();
    for (ModelTarget target : plan.candidates()) {
      RetryOptions retry = ActivityOptionsCatalog.modelCall(target).getRetryOptions();
      Duration wait = retry.getInitialInterval();
      for (int number = 1; ; number++) {
        try {
          ModelAnswer answer = attempt.call(target, number);
          return new Outcome(
              new ModelChain.Answered(target, answer, List.copyOf(fallbacks)), null, null);
        } catch (RuntimeException failed) {
          Failure failure = Failure.of(failed, retry);
          if (ChatErrorType.STREAM_BROKEN.name().equals(failure.type())) {
            // Never for a plain call; kept so that a broken answer is never repeated by another.
            return new Outcome(null, failure.type(), failure.reason());
          }
          if (failure.retryable() && number < retry.getMaximumAttempts() && pause(wait)) {
            wait = next(wait, retry);
            continue;
          }
          log.warn(
              "{} failed, trying the next candidate: {}", target.qualifiedName(), failure.reason());
          fallbacks.add(target.qualifiedName() + ": " + failure.reason());
          break;
        }
      }
    }
    return new Outcome(
        null, ChatErrorType.NO_PROVIDER.name(), ModelChain.noAnswer(plan, fallbacks));
  }

  /** A failed attempt as Temporal's retry policy would judge it. */
  private record Failure(String type, String reason, boolean retryable) {
    static Failure of(RuntimeException failed, RetryOptions retry) {
      String type =
          failed instanceof ApplicationFailure application
              ? application.getType()
              : failed.getClass().getName();
      String reason =
          failed instanceof ApplicationFailure application
              ? application.getOriginalMessage()
              : String.valueOf(failed.getMessage());
      boolean nonRetryable =
          (failed instanceof ApplicationFailure application && application.isNonRetryable())
              || (retry.getDoNotRetry() != null
                  && Arrays.asList(retry.getDoNotRetry()).contains(type));
      return new Failure(type, reason, !nonRetryable);
    }
  }

  /** Waits before a retry; false when the thread was interrupted (the worker is stopping). */
  private static boolean pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Duration next(Duration wait, RetryOptions retry) {
    Duration longer = Duration.ofMillis((long) (wait.toMillis() * retry.getBackoffCoefficient()));
    Duration cap = retry.getMaximumInterval();
    return cap != null && longer.compareTo(cap) > 0 ? cap : longer;
  }
}
