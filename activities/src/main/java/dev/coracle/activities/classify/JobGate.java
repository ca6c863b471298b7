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
public final class JobGate {
  /**
   * The confidence a classifier verdict needs to start a job. On the exemplars' cross-validation
   * the blended classifier was right 90 % of the time above 0.8 and 99 % above 0.9; below 0.75 a
   * job verdict was wrong often enough that answering directly is the better bet.
   */
  static final double JOB_CONFIDENCE = 0.75;

  /**
   * The confidence a classifier verdict needs to start a job when a weak rule read the same class
   * in the prompt's own words ("refactor", "with sources"): two kinds of evidence agree. In
   * five-fold cross-validation on the exemplars and the three team-owned sets, this took accuracy
   * from 0.946 to 0.955 with no more job-starting misroutes; lowering the threshold for every
   * verdict instead (0.65) gained a little more accuracy but added two to four job-starting
   * misroutes per shuffle.
   */
  static final double JOB_CONFIDENCE_WITH_RULE = 0.6;

  /**
   * The tier name of a job verdict this gate turned into {@code status}: the prompt asks how far
   * some work has got ({@link JobScope#asksProgress}).
   */
  public static final String PROGRESS = "progress";

  /**
   * The tier name of a job verdict this gate turned into {@code status}: the prompt asks about
   * coracle's own quotas, providers, tokens or savings ({@link JobScope#asksOwnState}).
   */
  public static final String OWN_STATE = "own-state";

  /** The tier name of a verdict this gate turned into {@code fast}. */
  public static final String ABSTAINED = "abstained";

  /**
   * How sure a {@code fast} verdict is that {@link JobScope} made from a job verdict: as sure as a
   * weak rule, since it rests on the same kind of evidence.
   */
  static final double SCOPE_CONFIDENCE = 0.7;

  /** How to ask for a job explicitly, for the reason of an abstained verdict. */
  static final String HOW_TO_ASK =
      "to start a job anyway, use the model coracle-deep or coracle-research";

  private JobGate() {}

  /**
   * The verdict, or {@code fast} when it is a job class that is unsure, or that a classifier gave
   * for a prompt whose wording asks for too little to be a job ({@link JobScope}). A strong rule
   * stands: it matched words that ask for a job outright.
   *
   * @param text the prompt the verdict is for
   */
  static Classification check(Classification verdict, String text) {
    return check(verdict, text, false);
  }

  /**
   * Like {@link #check(Classification, String)}, for a verdict that a weak rule of the same class
   * agrees with when {@code ruleAgrees}: it then needs less confidence.
   */
  static Classification check(Classification verdict, String text, boolean ruleAgrees) {
    if (!isJob(verdict.requestClass())) {
      return verdict;
    }
    if (!RulesClassifier.TIER.equals(verdict.tier()) && JobScope.asksProgress(text)) {
      return progress(verdict);
    }
    if (!RulesClassifier.TIER.equals(verdict.tier()) && JobScope.asksOwnState(text)) {
      return ownState(verdict);
    }
    if (!confident(verdict, ruleAgrees)) {
      return unsure(verdict, ruleAgrees);
    }
    if (RulesClassifier.TIER.equals(verdict.tier())) {
      return verdict;
    }
    return JobScope.tooSmall(text).map(why -> tooSmall(verdict, why)).orElse(verdict);
  }

  /**
   * The local model's vote, gated like any verdict. The vote is asked only when the in-process
   * verdict was unsure, so a vote for a job class stands only when that verdict was already a job
   * class that passed this gate (the vote may then move it between deep and research), and only
   * when the vote itself is sure and the prompt's wording leaves room for a job. Otherwise an
   * unsure prompt would start a job on the model's word alone.
   *
   * @param vote the local model's verdict
   * @param before the in-process verdict the vote was asked about
   * @param text the prompt
   */
  static Classification afterVote(Classification vote, Classification before, String text) {
    if (!isJob(vote.requestClass())) {
      return vote;
    }
    if (!isJob(before.requestClass())) {
      return new Classification(
          RequestClass.FAST,
          before.confidence(),
          ABSTAINED,
          String.format(
              Locale.ROOT,
              "the local model voted %s at %.2f, but the in-process verdict was %s at %.2f: an"
                  + " unsure prompt never starts a job; answered directly; %s; %s",
              vote.requestClass().wireName(),
              vote.confidence(),
              before.requestClass().wireName(),
              before.confidence(),
              HOW_TO_ASK,
              vote.reason()));
    }
    return check(vote, text);
  }

  private static boolean isJob(RequestClass requestClass) {
    return requestClass == RequestClass.DEEP || requestClass == RequestClass.RESEARCH;
  }

  private static Classification progress(Classification verdict) {
    return answeredFromStatus(
        verdict,
        PROGRESS,
        "the prompt asks how far some work has got; answered from the job store");
  }

  private static Classification ownState(Classification verdict) {
    return answeredFromStatus(
        verdict,
        OWN_STATE,
        "the prompt asks about coracle's own quotas, providers, tokens or savings; answered from"
            + " the status store");
  }

  /** A job verdict turned into {@code status}: the prompt asks about coracle, not for work. */
  private static Classification answeredFromStatus(
      Classification verdict, String tier, String why) {
    return new Classification(
        RequestClass.STATUS,
        SCOPE_CONFIDENCE,
        tier,
        String.format(
            Locale.ROOT,
            "%s at %.2f, but %s; %s",
            verdict.requestClass().wireName(),
            verdict.confidence(),
            why,
            verdict.reason()));
  }

  private static Classification tooSmall(Classification verdict, String why) {
    return new Classification(
        RequestClass.FAST,
        SCOPE_CONFIDENCE,
        ABSTAINED,
        String.format(
            Locale.ROOT,
            "%s at %.2f, but the prompt %s; answered directly; %s; %s",
            verdict.requestClass().wireName(),
            verdict.confidence(),
            why,
            HOW_TO_ASK,
            verdict.reason()));
  }

  private static Classification unsure(Classification verdict, boolean ruleAgrees) {
    RequestClass requestClass = verdict.requestClass();
    return new Classification(
        RequestClass.FAST,
        1 - verdict.confidence(),
        ABSTAINED,
        String.format(
            Locale.ROOT,
            "unsure (%s at %.2f, below %.2f), answered directly; %s; %s",
            requestClass.wireName(),
            verdict.confidence(),
            ruleAgrees ? JOB_CONFIDENCE_WITH_RULE : JOB_CONFIDENCE,
            HOW_TO_ASK,
            verdict.reason()));
  }

  /** A rule is sure only when it is a strong one; a weak rule word alone never starts a job. */
  private static boolean confident(Classification verdict, boolean ruleAgrees) {
    double needed =
        RulesClassifier.TIER.equals(verdict.tier())
            ? RulesClassifier.STRONG_CONFIDENCE
            : ruleAgrees ? JOB_CONFIDENCE_WITH_RULE : JOB_CONFIDENCE;
    return verdict.confidence() >= needed;
  }
}
