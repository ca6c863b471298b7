package dev.coracle.activities.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.workflows.job.JobLimits;
import dev.coracle.workflows.job.JobPlan;
import dev.coracle.workflows.job.PlanActivities;
import dev.coracle.workflows.job.PlanParse;
import dev.coracle.workflows.job.PlanStep;
import dev.coracle.workflows.job.Verdict;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Validates and normalizes planner and verifier output. A plan must have at least one step with a
 * goal; everything else is repaired quietly (missing lists become empty, paths lose a leading
 * {@code ./}, paths that leave the workspace are dropped, long plans are cut), because a smaller
 * plan that runs is worth more than a perfect one that is refused.
 */
@Singleton
public class PlanActivitiesImpl implements PlanActivities {
  static final String DEFAULT_DONE = "the goal is met";

  @Override
  public PlanParse parsePlan(String raw, JobLimits limits) {
    Optional<JsonNode> json = StructuredText.json(raw);
    if (json.isEmpty()) {
      return new PlanParse(null, "the answer contains no JSON object");
    }
    JsonNode root = json.get();
    JsonNode stepsNode = root.isArray() ? root : root.path("steps");
    if (!stepsNode.isArray() || stepsNode.isEmpty()) {
      return new PlanParse(null, "\"steps\" must be a non-empty array");
    }
    List<PlanStep> steps = new ArrayList<>();
    int position = 0;
    for (JsonNode node : stepsNode) {
      position++;
      String goal = text(node.isTextual() ? node : node.path("goal"));
      if (goal.isEmpty()) {
        return new PlanParse(null, "step " + position + " has no \"goal\"");
      }
      String done = text(node.path("done_criteria"));
      if (done.isEmpty()) {
        done = text(node.path("doneCriteria"));
      }
      steps.add(
          new PlanStep(
              goal,
              WorkspacePaths.normalize(strings(node.path("files"))),
              strings(node.path("tools")),
              done.isEmpty() ? DEFAULT_DONE : done));
    }
    int max = limits == null ? steps.size() : Math.max(1, limits.maxSteps());
    List<PlanStep> kept = List.copyOf(steps.subList(0, Math.min(max, steps.size())));
    return new PlanParse(new JobPlan(text(root.path("summary")), kept), null);
  }

  @Override
  public Verdict parseVerdict(String raw) {
    Optional<JsonNode> json = StructuredText.json(raw);
    if (json.isEmpty() || !json.get().isObject()) {
      return new Verdict(Verdict.CONTINUE, "the verifier's answer was not JSON; continuing", null);
    }
    JsonNode root = json.get();
    String decision = text(root.path("decision")).toLowerCase(Locale.ROOT);
    String reason = text(root.path("reason"));
    String learned = text(root.path("learned"));
    if (!List.of(Verdict.CONTINUE, Verdict.REPLAN, Verdict.DONE).contains(decision)) {
      return new Verdict(
          Verdict.CONTINUE,
          "the verifier's decision '" + decision + "' is unknown; continuing",
          null);
    }
    return new Verdict(decision, reason.isEmpty() ? decision : reason, learned);
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText("").strip() : "";
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isTextual()) {
      values.add(node.asText().strip());
    } else if (node.isArray()) {
      node.forEach(v -> values.add(text(v)));
    }
    values.removeIf(String::isEmpty);
    return values;
  }
}
