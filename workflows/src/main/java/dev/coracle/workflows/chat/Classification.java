package dev.coracle.workflows.chat;

/**
 * The classifier's verdict.
 *
 * @param tier which classifier decided: {@code rules}, {@code forced} (by the model profile) and,
 *     in later versions, {@code embedding} or {@code llm}
 * @param reason a short human-readable explanation, shown in status and logs
 */
public record Classification(
    RequestClass requestClass, double confidence, String tier, String reason) {

  public static Classification forced(RequestClass requestClass, String why) {
    return new Classification(requestClass, 1.0, "forced", why);
  }
}
