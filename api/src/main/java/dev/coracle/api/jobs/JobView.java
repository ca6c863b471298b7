package dev.coracle.api.jobs;

import dev.coracle.activities.job.JobPage;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStatus;
import dev.coracle.workflows.job.JobStep;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs as the API shows them: snake_case keys, ISO-8601 times, and a progress line a person reads.
 * Kept apart from the workflow's records so that the wire format changes only on purpose.
 */
public final class JobView {

  private JobView() {}

  static Map<String, Object> job(JobSnapshot job) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", job.jobId());
    view.put("object", "job");
    view.put("status", job.status());
    view.put("class", job.requestClass());
    view.put("title", job.title());
    view.put("stage", job.stage());
    view.put("current_step", job.currentStep());
    view.put("step_count", job.stepCount());
    view.put("progress", progress(job));
    view.put(
        "steps",
        job.steps() == null ? List.of() : job.steps().stream().map(JobView::step).toList());
    view.put("plan", plan(job));
    view.put("planner", job.planner());
    view.put("usage", usage(job.usage()));
    view.put("changed_files", orEmpty(job.changedFiles()));
    view.put("summary", job.summary());
    view.put("error", job.error());
    view.put("workspace", job.workspace());
    view.put("created_at", time(job.createdAt()));
    view.put("updated_at", time(job.updatedAt()));
    return view;
  }

  static Map<String, Object> page(JobPage page) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("object", "list");
    view.put("data", page.jobs().stream().map(JobView::job).toList());
    view.put("has_more", page.hasMore());
    view.put("next_cursor", page.nextCursor());
    return view;
  }

  static Map<String, Object> event(String jobId, JobEvent event) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("job_id", jobId);
    view.put("seq", event.seq());
    view.put("at", time(event.at()));
    view.put("type", event.type());
    view.put("stage", event.stage());
    view.put("step", event.step());
    view.put("message", event.message());
    return view;
  }

  /**
   * The plan as a person reviews it, and as an edited plan is sent back to {@code approve}: the
   * steps that have not finished yet; null before there is a plan.
   */
  private static Map<String, Object> plan(JobSnapshot job) {
    if (job.stepCount() == 0) {
      return null;
    }
    List<Map<String, Object>> steps =
        job.steps().stream()
            .filter(step -> !step.finished() && step.plan() != null)
            .map(
                step -> {
                  Map<String, Object> view = new LinkedHashMap<>();
                  view.put("goal", step.plan().goal());
                  view.put("files", orEmpty(step.plan().files()));
                  view.put("tools", orEmpty(step.plan().tools()));
                  view.put("done_criteria", step.plan().doneCriteria());
                  return view;
                })
            .toList();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("steps", steps);
    return view;
  }

  /** "step 3 of 7" once there is a plan; before that, the status or stage. */
  public static String progress(JobSnapshot job) {
    if (JobStatus.WAITING_APPROVAL.wireName().equals(job.status())) {
      return "waiting for approval of " + job.stepCount() + " steps";
    }
    if (job.stepCount() > 0) {
      return "step " + job.currentStep() + " of " + job.stepCount();
    }
    if (JobStatus.QUEUED.wireName().equals(job.status())) {
      return "queued";
    }

    return "stage " + job.stage();
  }

  private static Map<String, Object> step(JobStep step) {
    Usage usage = step.usage() == null ? Usage.NONE : step.usage();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("index", step.index());
    view.put("goal", step.plan() == null ? null : step.plan().goal());
    view.put("files", step.plan() == null ? List.of() : orEmpty(step.plan().files()));
    view.put("status", step.status());
    view.put("started_at", step.startedAt() == 0 ? null : time(step.startedAt()));
    view.put("finished_at", step.finishedAt() == 0 ? null : time(step.finishedAt()));
    view.put(
        "duration_ms",
        step.startedAt() == 0 || step.finishedAt() == 0
            ? null
            : step.finishedAt() - step.startedAt());
    view.put("turns", step.turns());
    view.put("tool_calls", step.toolCalls());
    view.put("model", step.model());
    view.put("prompt_tokens", usage.promptTokens());
    view.put("completion_tokens", usage.completionTokens());
    view.put("summary", step.summary());
    view.put("changed_files", orEmpty(step.changedFiles()));
    view.put("interrupted", orEmpty(step.interrupted()));
    return view;
  }

  private static Map<String, Object> usage(Usage usage) {
    Usage counted = usage == null ? Usage.NONE : usage;
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("prompt_tokens", counted.promptTokens());
    view.put("completion_tokens", counted.completionTokens());
    view.put("total_tokens", counted.totalTokens());
    return view;
  }

  private static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
