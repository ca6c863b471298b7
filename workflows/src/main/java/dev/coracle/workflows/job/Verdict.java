package dev.coracle.workflows.job;

/**
 * The verifier's decision after a step.
 *
 * @param decision {@code continue}, {@code replan} or {@code done}
 * @param learned for a replan, what the next plan must take into account
 */
public record Verdict(String decision, String reason, String learned) {
  public static final String CONTINUE = "continue";
  public static final String REPLAN = "replan";
  public static final String DONE = "done";
}
