package dev.coracle.activities.classify;

import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import java.util.Locale;

/**
 * The first classifier tier: cheap rules. Strong rules are precise phrasings that leave no doubt
 * ({@code /status}, "job 7f3a", "with sources", "implement ...") and decide on their own. Weak
 * rules are single telling words ("refactor", "compare") that are often right but also appear in
 * requests of another class; the tiered classifier uses them only as a hint for the embedding tier.
 * Without any signal the rules say {@code fast} with low confidence.
 */
public final class RulesClassifier {
  static final String TIER = "rules";
  static final double STRONG_CONFIDENCE = 0.95;

  /** How much a rule verdict can be trusted. */
  enum Strength {
    /** A precise match: the verdict stands on its own. */
    STRONG,
    /** A telling word: a hint for the embedding tier. */
    WEAK,
    /** Nothing matched; the class is only a default. */
    NONE
  }

  /** A rule verdict with its strength and the words that decided it. */
  record Verdict(RequestClass requestClass, Strength strength, double confidence, String reason) {
    Classification classification() {
      return new Classification(requestClass, confidence, TIER, reason);
    }
  }

  private RulesClassifier() {}

  public static Classification classify(String text) {
    return verdict(text).classification();
  }

  static Verdict verdict(String text) {
    String lower = text == null ? "" : text.toLowerCase(Locale.ROOT).strip();
    if (lower.isBlank()) {
      return new Verdict(RequestClass.FAST, Strength.NONE, 0.5, "empty last user turn");
    }
    Verdict strong = strong(lower);
    return strong != null ? strong : weak(lower);
  }

  /** The strong verdict, or null when no strong rule matched or strong rules disagree. */
  private static Verdict strong(String lower) {
    if (RulePatterns.SMALL_TALK.matcher(lower).matches()) {
      return strong(RequestClass.FAST, "small talk: '" + lower + "'");
    }
    String statusCode = RulePatterns.firstMatch(RulePatterns.STRONG_FAST, lower);
    boolean imperative = RulePatterns.IMPERATIVE.matcher(lower).lookingAt();
    boolean howTo = RulePatterns.HOW_TO.matcher(lower).lookingAt();
    String status =
        imperative || howTo || lower.length() > RulePatterns.SHORT
            ? null
            : RulePatterns.firstMatch(RulePatterns.STRONG_STATUS, lower);
    String research =
        imperative ? null : RulePatterns.firstMatch(RulePatterns.STRONG_RESEARCH, lower);
    String deep = RulePatterns.firstMatch(RulePatterns.STRONG_DEEP, lower);
    int matched =
        (statusCode != null ? 1 : 0)
            + (status != null ? 1 : 0)
            + (research != null ? 1 : 0)
            + (deep != null ? 1 : 0);
    if (matched != 1) {
      return null;
    }
    if (statusCode != null) {
      return strong(RequestClass.FAST, "a factual question: '" + statusCode + "'");
    }
    if (status != null) {
      return strong(RequestClass.STATUS, "asks about jobs: '" + status + "'");
    }
    if (research != null) {
      return strong(RequestClass.RESEARCH, "needs outside information: '" + research + "'");
    }
    return strong(RequestClass.DEEP, "multi-step work: '" + deep + "'");
  }

  private static Verdict strong(RequestClass requestClass, String reason) {
    return new Verdict(requestClass, Strength.STRONG, STRONG_CONFIDENCE, reason);
  }

  private static Verdict weak(String lower) {
    String status = RulePatterns.firstMatch(RulePatterns.STATUS, lower);
    if (status != null) {
      return weak(RequestClass.STATUS, 0.8, "asks about jobs: '" + status + "'");
    }
    String deep = RulePatterns.firstMatch(RulePatterns.DEEP, lower);
    // "add a benchmark suite" and "compare the endpoints in a test" are work, not questions.
    boolean imperative = RulePatterns.IMPERATIVE.matcher(lower).lookingAt();
    String research = imperative ? null : RulePatterns.firstMatch(RulePatterns.RESEARCH, lower);
    if (deep != null && (research == null || lower.length() > 400)) {
      return weak(RequestClass.DEEP, 0.75, "multi-step work: '" + deep + "'");
    }
    if (research != null) {
      return weak(RequestClass.RESEARCH, 0.75, "needs outside information: '" + research + "'");
    }
    String fast = RulePatterns.firstMatch(RulePatterns.FAST, lower);
    if (fast != null) {
      return weak(RequestClass.FAST, 0.7, "a single question: '" + fast + "'");
    }
    if (lower.length() > 2000 && lower.contains("\n")) {
      return new Verdict(RequestClass.DEEP, Strength.NONE, 0.6, "long multi-line request");
    }
    return new Verdict(RequestClass.FAST, Strength.NONE, 0.55, "no multi-step or research signal");
  }

  private static Verdict weak(RequestClass requestClass, double confidence, String reason) {
    return new Verdict(requestClass, Strength.WEAK, confidence, reason);
  }
}
