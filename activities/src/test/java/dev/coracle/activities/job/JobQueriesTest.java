package dev.coracle.activities.job;

import static dev.coracle.activities.job.Jobs.T0;
import static dev.coracle.activities.job.Jobs.done;
import static dev.coracle.activities.job.Jobs.event;
import static dev.coracle.activities.job.Jobs.plan;
import static dev.coracle.activities.job.Jobs.planStep;
import static dev.coracle.activities.job.Jobs.progress;
import static dev.coracle.activities.job.Jobs.request;
import static dev.coracle.activities.job.Jobs.running;
import static dev.coracle.activities.job.Jobs.snapshot;
import static dev.coracle.activities.job.Jobs.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobPlanState;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobResume;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStatus;
import dev.coracle.workflows.job.JobStep;
import dev.coracle.workflows.job.JobUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobQueriesTest extends JobStoreFixture {

  @Test
  void unfinished_rebuilds_the_resume_from_the_checkpoints() {
    JobRequest request = request("job-1", "Add a login page");
    store.register(request, T0);
    JobPlanState plan =
        plan(
            planStep("Write the form", "src/Login.java"),
            planStep("Wire the route"),
            planStep("Test it"));
    List<JobStep> steps =
        List.of(
            done(1, "Write the form", "src/Login.java"),
            running(2, "Wire the route"),
            JobStep.pending(3, planStep("Test it")));
    store.record(
        new JobUpdate(
            snapshot("job-1", "running", "step", 2, steps, 7),
            List.of(event(7, JobEvent.TOOL, 2)),
            plan,
            progress(2),
            false));

    List<JobRequest> restarts = queries.unfinished();

    assertThat(restarts).hasSize(1);
    JobRequest restart = restarts.get(0);
    assertThat(restart.resumingFrom(null)).isEqualTo(request);
    JobResume resume = restart.resume();
    assertThat(resume.plan()).isEqualTo(plan);
    assertThat(resume.steps()).isEqualTo(steps);
    assertThat(resume.steps().get(0).status()).isEqualTo(JobStep.DONE);
    assertThat(resume.progress()).isEqualTo(progress(2));
    assertThat(resume.lastEventSeq()).isEqualTo(7);
    assertThat(resume.usage()).isEqualTo(new Usage(300, 30));
    assertThat(resume.changedFiles()).containsExactly("src/Login.java");
    assertThat(resume.paused()).isFalse();
    assertThat(resume.recovered()).isTrue();
  }

  @Test
  void unfinished_keeps_a_job_waiting_for_approval_waiting_since_it_showed_its_plan() {
    store.register(request("job-w", "Waiting one"), T0);
    JobPlanState plan = plan(planStep("Write the form"), planStep("Test it"));
    List<JobStep> steps =
        List.of(
            JobStep.pending(1, planStep("Write the form")),
            JobStep.pending(2, planStep("Test it")));
    store.record(
        new JobUpdate(
            snapshot("job-w", "waiting_approval", "parse", 0, steps, 5),
            List.of(event(5, JobEvent.WAITING_APPROVAL, 0)),
            plan,
            null,
            false));

    List<JobRequest> restarts = queries.unfinished();

    assertThat(restarts).extracting(JobRequest::jobId).containsExactly("job-w");
    JobResume resume = restarts.get(0).resume();
    assertThat(resume.approvalAskedAt()).isEqualTo(T0 + 5);
    assertThat(resume.plan()).isEqualTo(plan);
    assertThat(resume.steps()).isEqualTo(steps);
    assertThat(queries.active())
        .extracting(JobSnapshot::status)
        .containsExactly("waiting_approval");
  }

  @Test
  void unfinished_restarts_a_job_that_never_planned_from_the_beginning() {
    store.register(request("job-1", "Add a login page"), T0);

    JobResume resume = queries.unfinished().get(0).resume();

    assertThat(resume.plan()).isNull();
    assertThat(resume.steps()).isEmpty();
    assertThat(resume.progress()).isNull();
    assertThat(resume.lastEventSeq()).isZero();
  }

  @Test
  void unfinished_keeps_a_paused_job_paused_and_leaves_finished_jobs_alone() {
    store.register(request("job-paused", "Paused one"), T0);
    store.record(
        update(
            snapshot("job-paused", "paused", "step", 1, List.of(running(1, "A")), 3), List.of()));
    store.register(request("job-done", "Done one"), T0 + 1);
    store.record(
        update(snapshot("job-done", "done", "finished", 1, List.of(done(1, "A")), 4), List.of()));
    store.register(request("job-failed", "Failed one"), T0 + 2);
    store.record(update(snapshot("job-failed", "failed", "finished", 0, List.of(), 2), List.of()));

    List<JobRequest> restarts = queries.unfinished();

    assertThat(restarts).extracting(JobRequest::jobId).containsExactly("job-paused");
    assertThat(restarts.get(0).resume().paused()).isTrue();
  }

  @Test
  void list_pages_newest_first_until_there_is_no_more() {
    IntStream.rangeClosed(1, 5)
        .forEach(i -> store.register(request("job-" + i, "Job " + i), T0 + i * 1000L));

    JobPage first = queries.list(Set.of(), 2, null);
    JobPage second = queries.list(Set.of(), 2, first.nextCursor());
    JobPage third = queries.list(Set.of(), 2, second.nextCursor());

    assertThat(first.jobs()).extracting(JobSnapshot::jobId).containsExactly("job-5", "job-4");
    assertThat(first.hasMore()).isTrue();
    assertThat(second.jobs()).extracting(JobSnapshot::jobId).containsExactly("job-3", "job-2");
    assertThat(third.jobs()).extracting(JobSnapshot::jobId).containsExactly("job-1");
    assertThat(third.hasMore()).isFalse();
    assertThat(third.nextCursor()).isNull();
  }

  @Test
  void list_pages_through_jobs_created_in_the_same_millisecond() {
    IntStream.rangeClosed(1, 3).forEach(i -> store.register(request("job-" + i, "Job " + i), T0));

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JobPage page = queries.list(Set.of(), 1, cursor);
      page.jobs().forEach(job -> seen.add(job.jobId()));
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(seen).containsExactly("job-3", "job-2", "job-1");
  }

  @Test
  void list_filters_by_status_and_carries_each_jobs_steps() {
    store.register(request("job-q", "Queued"), T0);
    store.register(request("job-r", "Running"), T0 + 1);
    store.record(
        update(snapshot("job-r", "running", "step", 1, List.of(running(1, "A")), 1), List.of()));
    store.register(request("job-p", "Paused"), T0 + 2);
    store.record(
        update(
            snapshot("job-p", "paused", "step", 2, List.of(done(1, "A"), running(2, "B")), 1),
            List.of()));

    JobPage page = queries.list(Set.of(JobStatus.RUNNING, JobStatus.PAUSED), 10, null);

    assertThat(page.jobs()).extracting(JobSnapshot::jobId).containsExactly("job-p", "job-r");
    assertThat(page.jobs().get(0).steps())
        .extracting(JobStep::status)
        .containsExactly("done", "running");
    assertThat(page.jobs().get(1).steps()).extracting(JobStep::status).containsExactly("running");
    assertThat(queries.active())
        .extracting(JobSnapshot::jobId)
        .containsExactly("job-q", "job-r", "job-p");
  }

  @Test
  void a_cursor_not_written_by_the_store_is_refused() {
    assertThatThrownBy(() -> queries.list(Set.of(), 10, "not-a-cursor"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void events_after_pages_in_order() {
    store.register(request("job-1", "Add a login page"), T0);
    List<JobEvent> all =
        IntStream.rangeClosed(1, 5).mapToObj(i -> event(i, JobEvent.TOOL, 1)).toList();
    store.record(update(snapshot("job-1", "running", "step", 1, List.of(), 5), all));

    assertThat(queries.eventsAfter("job-1", 0, 2))
        .extracting(JobEvent::seq)
        .containsExactly(1L, 2L);
    assertThat(queries.eventsAfter("job-1", 2, 2))
        .extracting(JobEvent::seq)
        .containsExactly(3L, 4L);
    assertThat(queries.eventsAfter("job-1", 4, 2)).containsExactly(all.get(4));
    assertThat(queries.eventsAfter("job-1", 5, 2)).isEmpty();
    assertThat(queries.eventsAfter("job-unknown", 0, 2)).isEmpty();
  }

  @Test
  void recent_lists_finished_jobs_latest_first() {
    for (int i = 1; i <= 3; i++) {
      store.register(request("job-" + i, "Job " + i), T0 + i);
      store.record(update(snapshot("job-" + i, "done", "finished", 0, List.of(), i), List.of()));
    }
    store.register(request("job-4", "Still running"), T0 + 4);

    assertThat(queries.recent(2)).extracting(JobSnapshot::jobId).containsExactly("job-3", "job-2");
    assertThat(queries.status("job-4")).contains(JobStatus.QUEUED);
    assertThat(queries.status("job-x")).isEmpty();
    assertThat(queries.find("job-x")).isEmpty();
  }
}
