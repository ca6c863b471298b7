package dev.coracle.api.dashboard;

import dev.coracle.activities.job.JobQueries;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The dashboard's job pages: the list at {@code /} and one job, with the fragments their script
 * refreshes. Everything is read from the job store (and the job's Temporal history for its tool
 * calls), as the JSON API reads it.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class DashboardController {
  /** How many jobs the list shows. */
  static final int LIST_SIZE = 50;

  private final JobQueries jobs;
  private final ArtifactStore artifacts;
  private final WorkflowHistories histories;

  DashboardController(JobQueries jobs, ArtifactStore artifacts, WorkflowHistories histories) {
    this.jobs = jobs;
    this.artifacts = artifacts;
    this.histories = histories;
  }

  @Get(produces = "text/html")
  public HttpResponse<String> jobs(
      @QueryValue(defaultValue = "") String status,
      @QueryValue(defaultValue = "") String workspace) {
    return HtmlResponses.ok(JobsPage.render(list(status, workspace), status, workspace));
  }

  @Get(uri = "/dashboard/jobs/rows", produces = "text/html")
  public HttpResponse<String> rows(
      @QueryValue(defaultValue = "") String status,
      @QueryValue(defaultValue = "") String workspace) {
    return HtmlResponses.ok(JobsPage.rows(list(status, workspace)));
  }

  @Get(uri = "/dashboard/jobs/{id}", produces = "text/html")
  public HttpResponse<String> job(@PathVariable String id) {
    JobSnapshot job = jobs.find(id).orElse(null);
    if (job == null) {
      return HtmlResponses.notFound("There is no job " + id + ".");
    }
    WorkflowHistories.History history = histories.history(id);
    List<ToolCallView> calls = history.held() ? ToolCallView.from(history.events()) : List.of();
    return HtmlResponses.ok(
        JobPage.render(job, jobs.eventsAfter(id, 0, 100), artifacts.forJob(id), calls));
  }

  @Get(uri = "/dashboard/jobs/{id}/live", produces = "text/html")
  public HttpResponse<String> live(@PathVariable String id) {
    return jobs.find(id)
        .<HttpResponse<String>>map(job -> HtmlResponses.ok(JobPage.live(job)))
        .orElseGet(() -> HtmlResponses.notFound("There is no job " + id + "."));
  }

  /** A job's artifact as plain text, never as a page: its bytes came from a tool or a model. */
  @Get(uri = "/dashboard/artifacts/{id}")
  public HttpResponse<?> artifact(@PathVariable String id) {
    return artifacts
        .get(id)
        .<HttpResponse<?>>map(
            artifact ->
                HtmlResponses.secure(HttpResponse.ok(artifact.content()))
                    .contentType(
                        artifact.mediaType().startsWith("text/")
                            ? "text/plain; charset=utf-8"
                            : "application/octet-stream")
                    .header("Content-Security-Policy", "sandbox"))
        .orElseGet(() -> HtmlResponses.notFound("There is no artifact " + id + "."));
  }

  private List<JobSnapshot> list(String status, @Nullable String workspace) {
    Set<JobStatus> statuses = statuses(status);
    String part = workspace == null ? "" : workspace.strip();
    return jobs.list(statuses, LIST_SIZE, null).jobs().stream()
        .filter(
            job -> part.isEmpty() || (job.workspace() != null && job.workspace().contains(part)))
        .toList();
  }

  private static Set<JobStatus> statuses(String status) {
    if (status == null || status.isBlank()) {
      return Set.of();
    }
    try {
      return Set.of(JobStatus.fromWireName(status.strip().toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      // An unknown status in a hand-edited URL lists every job rather than failing the page.
      return Set.of();
    }
  }
}
