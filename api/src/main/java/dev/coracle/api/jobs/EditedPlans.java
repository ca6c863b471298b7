package dev.coracle.api.jobs;

import dev.coracle.activities.job.JobQueries;
import dev.coracle.activities.plan.PlanActivitiesImpl;
import dev.coracle.api.openai.JsonBody;
import dev.coracle.workflows.job.JobLimits;
import dev.coracle.workflows.job.JobPlan;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.PlanParse;
import jakarta.inject.Singleton;

/**
 * Checks a plan a person edited before it replaces the planner's: the same parser that checks the
 * planner's output, so the coder gets the same shape either way. A plan longer than the job's
 * {@code jobs.max-steps} is refused rather than cut: a person's edit is not shortened in silence.
 */
@Singleton
public class EditedPlans {
  private final PlanActivitiesImpl parser;
  private final JobQueries queries;

  public EditedPlans(PlanActivitiesImpl parser, JobQueries queries) {
    this.parser = parser;
    this.queries = queries;
  }

  /**
   * The plan in {@code body}, normalized, or null when the body is empty (the plan is approved as
   * it is).
   *
   * @throws dev.coracle.api.openai.OpenAiException 400 {@code invalid_plan} (or the API's JSON
   *     error) with the reason
   */
  public JobPlan parse(String jobId, String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    String json = JsonBody.readObject(body).toString();
    JobLimits limits = queries.request(jobId).map(JobRequest::limits).orElse(JobLimits.defaults());
    PlanParse unbounded = parser.parsePlan(json, null);
    if (!unbounded.valid()) {
      throw JobErrors.invalidPlan(unbounded.error());
    }
    int steps = unbounded.plan().steps().size();
    if (steps > limits.maxSteps()) {
      throw JobErrors.invalidPlan(
          "it has " + steps + " steps; this job allows " + limits.maxSteps() + " (jobs.max-steps)");
    }
    return unbounded.plan();
  }
}
