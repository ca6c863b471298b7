package dev.coracle.workflows.chat;

import dev.coracle.workflows.model.ModelChain;
import dev.coracle.workflows.model.RoutePlan;

/**
 * What the one local activity that routes a chat, calls its models and hands the answer over
 * ({@code AnswerRouteCallHandOver}) did. Exactly one of three:
 *
 * <ul>
 *   <li>{@code answered}: a model answered; the answer has been handed over, and stored in the
 *       cache when the workflow asked;
 *   <li>{@code failure}: every candidate failed; the chat fails with it, as when the candidates
 *       were called one activity each;
 *   <li>neither: nothing was called, so the workflow calls as before, with {@code plan} (a
 *       candidate needs the LLM slot, or the route found none) or, when {@code plan} is null too
 *       (the route itself failed), after routing again.
 * </ul>
 *
 * @param failureType a {@link ChatErrorType} name, with {@code failure}
 */
public record RoutedAnswer(
    ChatResult answered, RoutePlan plan, String failureType, String failure) {

  public static RoutedAnswer answered(ChatResult result) {
    return new RoutedAnswer(result, null, null, null);
  }

  public static RoutedAnswer failed(String failureType, String failure) {
    return new RoutedAnswer(null, null, failureType, failure);
  }

  /** Nothing was called; {@code plan} may be null when the route failed. */
  public static RoutedAnswer notCalled(RoutePlan plan) {
    return new RoutedAnswer(null, plan, null, null);
  }

  /**
   * The chat's result from the model that answered, made in one place for the workflow and the
   * activity, so both give the same.
   */
  public static ChatResult resultOf(Classification classification, ModelChain.Answered answered) {
    return new ChatResult(
        classification,
        answered.target().provider(),
        answered.target().model(),
        answered.answer().content(),
        answered.answer().finishReason(),
        answered.answer().usage(),
        answered.answer().modelMillis(),
        answered.fallbacks(),
        answered.answer().toolCalls(),
        false);
  }
}
