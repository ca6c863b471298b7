package dev.coracle.workflows.chat;

/**
 * The classifier's verdict.
 *
 * @param tier which classifier decided: {@code rules}, {@code embedding}, {@code llm} (the local
 *     model's vote) or {@code forced} (by the model profile)
 * @param reason a short human-readable explanation, shown in status and logs
 * @param needsVote true when the in-process tiers are unsure and a local model is available to
 *     vote; the workflow then asks it on the LLM slot
 */
public record Classification(
    RequestClass requestClass, double confidence, String tier, String reason, boolean needsVote) {

  public Classification(RequestClass requestClass, double confidence, String tier, String reason) {
    this(requestClass, confidence, tier, reason, false);
  }

  public static Classification forced(RequestClass requestClass, String why) {
    return new Classification(requestClass, 1.0, "forced", why);
  }

  /** The same verdict under another class, e.g. when agent mode cannot be answered from status. */
  public Classification as(RequestClass other, String why) {
    return new Classification(other, confidence, tier, why);
  }
}
