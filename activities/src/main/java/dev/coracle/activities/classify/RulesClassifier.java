package dev.coracle.activities.classify;

import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The first classifier tier: cheap rules for the obvious cases. Anything the rules do not recognise
 * is {@code fast} with low confidence, which later tiers will refine.
 */
public final class RulesClassifier {
  private static final String TIER = "rules";

  private static final List<Pattern> STATUS =
      patterns(
          "^\\s*/status\\b",
          "\\b(status|progress|state)\\b.{0,40}\\b(job|jobs|task|tasks|build|run|plan|step)\\b",
          "\\b(job|jobs|task|tasks)\\b.{0,40}\\b(status|progress|done|finished|running|stuck)\\b",
          "\\bhow (is|are|far)\\b.{0,30}\\b(job|jobs|task|tasks)\\b",
          "\\bwhat (is|are) (you|coracle) (working on|doing)\\b");

  private static final List<Pattern> RESEARCH =
      patterns(
          "\\b(latest|newest|current|recent)\\b.{0,30}\\b(version|release|news|changes|docs|documentation)\\b",
          "\\b(compare|comparison|pros and cons|trade-?offs? between)\\b",
          "\\w+ (versus|vs\\.?) (?!code\\b)\\w+",
          "\\b(search|look up|browse|google)\\b.{0,20}\\b(the web|online|internet|docs)\\b",
          "\\b(with sources|citations?|cite|benchmarks?)\\b",
          "\\bwhat'?s new in\\b",
          "\\b(20[2-9][0-9])\\b.{0,30}\\b(release|roadmap|news)\\b");

  private static final List<Pattern> DEEP =
      patterns(
          "\\b(implement|refactor|migrate|port|rewrite|scaffold)\\b",
          "\\b(build|create|write|add)\\b.{0,40}\\b(app|application|service|feature|module|api|endpoint|cli|library|tests? suite|integration)\\b",
          "\\b(debug|fix|diagnose)\\b.{0,40}\\b(failing|broken|bug|crash|error|tests?|build)\\b",
          "\\b(design|architect)\\b.{0,40}\\b(system|schema|architecture|api|service)\\b",
          "\\bstep[- ]by[- ]step\\b.{0,40}\\b(plan|implementation)\\b",
          "\\b(across|in) (the|all|several|multiple) (files|modules|repo|repository|codebase)\\b");

  private RulesClassifier() {}

  public static Classification classify(String text) {
    String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
    if (lower.isBlank()) {
      return new Classification(RequestClass.FAST, 0.5, TIER, "empty last user turn");
    }
    String status = firstMatch(STATUS, lower);
    if (status != null) {
      return new Classification(
          RequestClass.STATUS, 0.9, TIER, "asks about jobs: '" + status + "'");
    }
    String deep = firstMatch(DEEP, lower);
    String research = firstMatch(RESEARCH, lower);
    if (deep != null && (research == null || lower.length() > 400)) {
      return new Classification(RequestClass.DEEP, 0.8, TIER, "multi-step work: '" + deep + "'");
    }
    if (research != null) {
      return new Classification(
          RequestClass.RESEARCH, 0.75, TIER, "needs outside information: '" + research + "'");
    }
    if (lower.length() > 2000 && lower.contains("\n")) {
      return new Classification(RequestClass.DEEP, 0.6, TIER, "long multi-line request");
    }
    return new Classification(RequestClass.FAST, 0.6, TIER, "no multi-step or research signal");
  }

  private static String firstMatch(List<Pattern> patterns, String text) {
    for (Pattern pattern : patterns) {
      var matcher = pattern.matcher(text);
      if (matcher.find()) {
        return matcher.group().strip();
      }
    }
    return null;
  }

  private static List<Pattern> patterns(String... regexes) {
    return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
  }
}
