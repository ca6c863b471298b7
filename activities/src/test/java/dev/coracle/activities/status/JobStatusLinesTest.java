package dev.coracle.activities.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.job.JobStore;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.TestStore;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.job.JobLimits;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStep;
import dev.coracle.workflows.job.JobUpdate;
import dev.coracle.workflows.job.PlanStep;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStatusLinesTest {

  static final Instant START = Instant.parse("2026-11-20T08:00:00Z");

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(START);
  ApplicationContext context;
  JobStore store;
  JobStatusLines lines;

  @BeforeEach
  void start() {
    context = TestStore.start(dir.resolve("coracle.db"), clock);
    store = context.getBean(JobStore.class);
    lines = context.getBean(JobStatusLines.class);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void no_jobs_says_so() {
    assertThat(lines.lines(clock.instant())).containsExactly("There are no coding jobs yet.");
  }

  @Test
  void each_active_job_says_where_it_is_and_the_last_finished_say_how_they_ended() {
    job("job-a", "Add a login page", "running", "step", 3, steps(7, 2, 3, "Wire the route"), null);
    job("job-b", "Fix the flaky test", "paused", "step", 2, steps(4, 1, 2, "Rerun it"), null);
    job("job-c", "Write docs", "queued", "queued", 0, List.of(), null);
    job("job-d", "Port to Java 21", "running", "plan", 0, List.of(), null);
    job("job-e", "Rename the module", "running", "verify", 1, steps(2, 0, 1, "Move files"), null);
    job("job-h", "Add a README", "waiting_approval", "parse", 0, steps(2, 0, 0, "x"), null);
    clock.advance(Duration.ofMinutes(2));
    job("job-f", "Old job", "failed", "finished", 1, steps(1, 0, 1, "A"), "no model answered");
    clock.advance(Duration.ofMinutes(2));
    job("job-g", "Bump deps", "done", "finished", 2, steps(2, 2, 2, "B"), null);
    clock.advance(Duration.ofMinutes(4));

    assertThat(lines.lines(clock.instant()))
        .containsExactly(
            "Job job-a (Add a login page): step 3 of 7, Wire the route; 2 done, 0 failed.",
            "Job job-b (Fix the flaky test): paused at step 2 of 4; 1 done, 0 failed.",
            "Job job-c (Write docs): queued, not started yet.",
            "Job job-d (Port to Java 21): stage plan.",
            "Job job-e (Rename the module): step 1 of 2, verifying: Move files; 0 done, 0 failed.",
            "Job job-h (Add a README): waiting for approval of its plan of 2 steps: 1. Step 1;"
                + " 2. Step 2; approve with `coracle jobs approve job-h` or reject with `coracle"
                + " jobs reject job-h --reason ...`.",
            "Last finished: job-g done 4 min ago, 5 files changed.",
            "Before that: job-f failed 6 min ago, 2 files changed (no model answered).");
  }

  /** Registers a job and records it as the workflow would, stamped with the clock. */
  private void job(
      String id,
      String title,
      String status,
      String stage,
      int current,
      List<JobStep> steps,
      String error) {
    long now = clock.millis();
    ChatRequest chat =
        new ChatRequest("coracle", List.of(new ChatMessage("user", title)), null, null);
    store.register(
        new JobRequest(id, chat, null, RequestClass.DEEP, JobLimits.defaults(), null), now);
    List<String> changed =
        "done".equals(status) ? List.of("a", "b", "c", "d", "e") : List.of("x", "y");
    JobSnapshot snapshot =
        new JobSnapshot(
            id,
            status,
            stage,
            "deep",
            null,
            title,
            current,
            steps,
            Usage.NONE,
            null,
            changed,
            null,
            error,
            1,
            now,
            now);
    store.record(new JobUpdate(snapshot, List.of(), null, null, false));
  }

  /** {@code count} steps: the first {@code done} are done, step {@code current} has the goal. */
  private static List<JobStep> steps(int count, int done, int current, String goal) {
    List<JobStep> steps = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      PlanStep plan = new PlanStep(i == current ? goal : "Step " + i, List.of(), List.of(), "ok");
      JobStep pending = JobStep.pending(i, plan);
      String state = i <= done ? JobStep.DONE : i == current ? JobStep.RUNNING : JobStep.PENDING;
      steps.add(
          new JobStep(
              i,
              plan,
              state,
              null,
              List.of(),
              0,
              0,
              null,
              Usage.NONE,
              pending.startedAt(),
              pending.finishedAt(),
              List.of()));
    }
    return steps;
  }
}
