package dev.coracle.api.jobs;

import dev.coracle.activities.job.JobQueries;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.job.JobSnapshot;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code /api/jobs}: start a coding job, list jobs, show one. Everything read is from the store.
 */
@Controller("/api/jobs")
public class JobsController {
  private final JobService jobs;
  private final JobQueries queries;

  public JobsController(JobService jobs, JobQueries queries) {
    this.jobs = jobs;
    this.queries = queries;
  }

  @Post
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> start(
      @Nullable @Body String body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Nullable @Header("x-coracle-workspace") String workspace) {
    JobSubmission submission = JobSubmissionParser.parse(body, workspace);
    JobSnapshot job = jobs.start(jobs.jobIdFor(idempotencyKey), submission);
    return HttpResponse.<String>status(HttpStatus.ACCEPTED)
        .header(HttpHeaders.LOCATION, "/api/jobs/" + job.jobId())
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(JobsJson.write(JobView.job(job)));
  }

  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> list(
      @Nullable @QueryValue String status,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    JobListQuery query = JobListQuery.parse(status, limit, cursor);
    try {
      return json(JobView.page(queries.list(query.statuses(), query.limit(), query.cursor())));
    } catch (IllegalArgumentException e) {
      throw OpenAiException.invalidValue("cursor", "'cursor' is not one this server gave out");
    }
  }

  @Get("/{id}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> show(@PathVariable String id) {
    return json(JobView.job(queries.find(id).orElseThrow(() -> JobErrors.notFound(id))));
  }

  static HttpResponse<String> json(Object view) {
    return HttpResponse.ok(JobsJson.write(view)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
