package dev.coracle.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.openai.JsonBody;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.job.JobSnapshot;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /api/jobs/{id}/cancel|pause|resume|approve|reject}: signal a job. The workflow acts
 * at its next coder turn or step boundary (a decision on a plan at once), so the answer is 202 with
 * the job as it was.
 */
@Controller("/api/jobs")
public class JobControlController {
  private final JobSignals signals;
  private final EditedPlans editedPlans;

  public JobControlController(JobSignals signals, EditedPlans editedPlans) {
    this.signals = signals;
    this.editedPlans = editedPlans;
  }

  @Post("/{id}/cancel")
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> cancel(@PathVariable String id, @Nullable @Body String body) {
    return accepted(signals.cancel(id, reason(body)));
  }

  @Post("/{id}/pause")
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> pause(@PathVariable String id) {
    return accepted(signals.pause(id));
  }

  @Post("/{id}/resume")
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> resume(@PathVariable String id) {
    return accepted(signals.resume(id));
  }

  /**
   * Approves the plan of a job waiting for approval. An optional body is an edited plan, {@code
   * {"summary": "...", "steps": [{"goal": "...", "files": [], "done_criteria": "..."}]}}, checked
   * like a planner's plan; it replaces the plan.
   */
  @Post("/{id}/approve")
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> approve(@PathVariable String id, @Nullable @Body String body) {
    return accepted(signals.approve(id, editedPlans.parse(id, body)));
  }

  /** Rejects the plan with {@code {"reason": "..."}}: one replan sees the reason. */
  @Post("/{id}/reject")
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> reject(@PathVariable String id, @Nullable @Body String body) {
    JsonNode reason =
        body == null || body.isBlank() ? null : JsonBody.readObject(body).get("reason");
    if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
      throw OpenAiException.invalid(
          "reason", "'reason' is required: say why the plan is rejected, the replan reads it");
    }
    return accepted(signals.reject(id, reason.asText().strip()));
  }

  /** The optional {@code {"reason": "..."}} of a cancel; an empty body means no reason. */
  private static String reason(String body) {
    if (body == null || body.isBlank()) {
      return "cancelled through the API";
    }
    JsonNode reason = JsonBody.readObject(body).get("reason");
    if (reason == null || reason.isNull()) {
      return "cancelled through the API";
    }
    if (!reason.isTextual()) {
      throw OpenAiException.invalid("reason", "'reason' must be a string");
    }
    return reason.asText();
  }

  private static HttpResponse<String> accepted(JobSnapshot job) {
    return HttpResponse.<String>status(HttpStatus.ACCEPTED)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(JobsJson.write(JobView.job(job)));
  }
}
