package dev.coracle.activities.classify;

import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import java.util.Locale;

/**
 * An unsure prompt never starts a job. A chat classified {@code deep} or {@code research} becomes a
 * durable coding job, which takes minutes and the LLM slot; a question wrongly sent there costs the
 * user far more than a job request answered directly (the user can ask again with the model {@code
 * coracle-deep}). So a job class needs a strong rule or a confident classifier; anything less is
 * answered as {@code fast}, and the reason says so.
 */
final class JobGate {
  /**
   * The confidence a classifier verdict needs to start a job. On the exemplars' cross-validation
   * the blended classifier was right 90 % of the time above 0.8 and 99 % above 0.9; below 0.75 a
   * job verdict was wrong often enough that answering directly is the better bet.
   */
  static final double JOB_CONFIDENCE = 0.75;

  /** The tier name of a verdict this gate turned into {@code fast}. */
  static final String ABSTAINED = "abstained";

  /** How to ask for a job explicitly, for the reason of an abstained verdict. */
  static final String HOW_TO_ASK =
      "to start a job anyway, use the model coracle-deep or coracle-research";

  private JobGate() {}

  static Classification check(Classification verdict) {
    RequestClass requestClass = verdict.requestClass();
    boolean jobClass = requestClass == RequestClass.DEEP || requestClass == RequestClass.RESEARCH;
    if (!jobClass || confident(verdict)) {
      return verdict;
    }
    return new Classification(
        RequestClass.FAST,
        1 - verdict.confidence(),
        ABSTAINED,
        String.format(
            Locale.ROOT,
            "unsure (%s at %.2f, below %.2f), answered directly; %s; %s",
            requestClass.wireName(),
            verdict.confidence(),
            JOB_CONFIDENCE,
            HOW_TO_ASK,
            verdict.reason()));
  }

  /** A rule is sure only when it is a strong one; a weak rule word alone never starts a job. */
  private static boolean confident(Classification verdict) {
    double needed =
        RulesClassifier.TIER.equals(verdict.tier())
            ? RulesClassifier.STRONG_CONFIDENCE
            : JOB_CONFIDENCE;
    return verdict.confidence() >= needed;
  }
}
