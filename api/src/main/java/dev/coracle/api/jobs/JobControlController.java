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
 * {@code POST /api/jobs/{id}/cancel|pause|resume}: signal a job. The workflow acts at its next
 * coder turn or step boundary, so the answer is 202 with the job as it was.
 */
@Controller("/api/jobs")
public class JobControlController {
  private final JobSignals signals;

  public JobControlController(JobSignals signals) {
    this.signals = signals;
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
