package dev.coracle.activities.job;

import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStatus;
import dev.coracle.workflows.job.JobStep;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads jobs from the store alone, never from a workflow: status answers, the jobs API and crash
 * recovery must work while a workflow is busy, stuck or gone.
 */
@Singleton
public class JobQueries {

  /** The statuses of a job that may still change. */
  public static final Set<JobStatus> UNFINISHED =
      Set.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.PAUSED, JobStatus.WAITING_APPROVAL);

  private static final int MAX_PAGE = 1000;

  private final JobRepository jobs;
  private final JobStepRepository steps;
  private final JobEventRepository events;
  private final JobProgressRepository progress;

  JobQueries(
      JobRepository jobs,
      JobStepRepository steps,
      JobEventRepository events,
      JobProgressRepository progress) {
    this.jobs = jobs;
    this.steps = steps;
    this.events = events;
    this.progress = progress;
  }

  @ReadOnly
  public Optional<JobSnapshot> find(String jobId) {
    return jobs.findById(jobId).map(row -> snapshots(List.of(row)).get(0));
  }

  /** The job's status alone: a cheap check for pollers. */
  public Optional<JobStatus> status(String jobId) {
    return jobs.statusOf(jobId).stream().findFirst().map(JobStatus::fromWireName);
  }

  /** The request a job was registered with, without a resume part. */
  public Optional<JobRequest> request(String jobId) {
    return jobs.findById(jobId).map(row -> JobJson.read(row.requestJson(), JobRequest.class));
  }

  /**
   * Jobs newest first, a page at a time.
   *
   * @param statuses the statuses to list; empty lists every job
   * @param cursor the previous page's {@link JobPage#nextCursor()}, or null for the first page
   * @throws IllegalArgumentException for a cursor this class did not write
   */
  @ReadOnly
  public JobPage list(Set<JobStatus> statuses, int limit, String cursor) {
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    JobCursor after = JobCursor.decode(cursor);
    List<JobRow> rows =
        jobs.page(
            wireNames(statuses.isEmpty() ? Set.of(JobStatus.values()) : statuses),
            after.createdAt(),
            after.id(),
            size + 1);
    boolean hasMore = rows.size() > size;
    List<JobRow> page = hasMore ? rows.subList(0, size) : rows;
    String next =
        hasMore
            ? new JobCursor(page.get(size - 1).createdAt(), page.get(size - 1).id()).encode()
            : null;
    return new JobPage(snapshots(page), hasMore, next);
  }

  /** Up to {@code limit} events numbered above {@code afterSeq}, oldest first. */
  public List<JobEvent> eventsAfter(String jobId, long afterSeq, int limit) {
    return events.after(jobId, afterSeq, Math.max(1, Math.min(limit, MAX_PAGE))).stream()
        .map(JobEventRow::toEvent)
        .toList();
  }

  /** The job's latest event of one of {@code types}, if it has one. */
  public Optional<JobEvent> latestEvent(String jobId, String... types) {
    JobEvent latest = null;
    for (String type : types) {
      for (JobEventRow row : events.latestOfType(jobId, type)) {
        if (latest == null || row.seq() > latest.seq()) {
          latest = row.toEvent();
        }
      }
    }
    return Optional.ofNullable(latest);
  }

  /** Jobs that are queued, running, paused or waiting for approval, oldest first. */
  @ReadOnly
  public List<JobSnapshot> active() {
    return snapshots(jobs.withStatus(wireNames(UNFINISHED)));
  }

  /** The {@code n} jobs that finished last (done, failed or cancelled), latest first. */
  @ReadOnly
  public List<JobSnapshot> recent(int n) {
    return snapshots(jobs.latestFinished(Math.max(0, n)));
  }

  /**
   * Every job that has not finished, as the request that restarts it: each carries a resume built
   * from its checkpoints, so done steps are not run again, a paused job stays paused and a job
   * waiting for its plan's approval waits again, from when it first asked.
   */
  @ReadOnly
  public List<JobRequest> unfinished() {
    List<JobRow> rows = jobs.withStatus(wireNames(UNFINISHED));
    Map<String, List<JobStep>> stepsByJob = stepsOf(rows);
    return rows.stream()
        .map(
            row ->
                JobResumes.restart(
                    row,
                    stepsByJob.getOrDefault(row.id(), List.of()),
                    progress.findById(row.id()).orElse(null),
                    waitingSince(row)))
        .toList();
  }

  /** When a job waiting for approval showed its plan; its last update when the event is gone. */
  private long waitingSince(JobRow row) {
    if (row.jobStatus() != JobStatus.WAITING_APPROVAL) {
      return 0;
    }
    return events.latestOfType(row.id(), JobEvent.WAITING_APPROVAL).stream()
        .findFirst()
        .map(JobEventRow::at)
        .orElse(row.updatedAt());
  }

  private List<JobSnapshot> snapshots(List<JobRow> rows) {
    Map<String, List<JobStep>> stepsByJob = stepsOf(rows);
    return rows.stream()
        .map(row -> row.toSnapshot(stepsByJob.getOrDefault(row.id(), List.of())))
        .toList();
  }

  private Map<String, List<JobStep>> stepsOf(List<JobRow> rows) {
    Map<String, List<JobStep>> byJob = new LinkedHashMap<>();
    if (rows.isEmpty()) {
      return byJob;
    }
    for (JobStepRow step : steps.ofJobs(rows.stream().map(JobRow::id).toList())) {
      byJob.computeIfAbsent(step.jobId(), id -> new ArrayList<>()).add(step.toStep());
    }
    return byJob;
  }

  private static List<String> wireNames(Set<JobStatus> statuses) {
    return Arrays.stream(JobStatus.values())
        .filter(statuses::contains)
        .map(JobStatus::wireName)
        .toList();
  }
}
