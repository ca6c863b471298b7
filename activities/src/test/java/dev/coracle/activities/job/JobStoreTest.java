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
import static org.assertj.core.api.Assertions.tuple;

import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobResume;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStep;
import dev.coracle.workflows.job.JobUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobStoreTest extends JobStoreFixture {

  @Test
  void register_lists_the_job_as_queued_and_a_second_register_changes_nothing() {
    JobRequest request = request("job-1", "Add a login page\nwith a remember-me box");
    store.register(request, T0);
    store.register(request("job-1", "Something else entirely"), T0 + 5000);

    JobSnapshot job = queries.find("job-1").orElseThrow();
    assertThat(job.status()).isEqualTo("queued");
    assertThat(job.stage()).isEqualTo("queued");
    assertThat(job.title()).isEqualTo("Add a login page");
    assertThat(job.requestClass()).isEqualTo("deep");
    assertThat(job.workspace()).isEqualTo("/work/job-1");
    assertThat(job.createdAt()).isEqualTo(T0);
    assertThat(job.steps()).isEmpty();
    assertThat(queries.request("job-1")).contains(request);
  }

  @Test
  void register_stores_the_request_without_its_resume() {
    JobRequest resumed =
        request("job-1", "Add a login page")
            .resumingFrom(
                new JobResume(null, List.of(), null, 7, Usage.NONE, List.of(), false, true));
    store.register(resumed, T0);

    assertThat(queries.request("job-1").orElseThrow().resume()).isNull();
  }

  @Test
  void record_updates_the_job_its_steps_and_events() {
    store.register(request("job-1", "Add a login page"), T0);
    List<JobStep> steps =
        List.of(done(1, "Write the form", "src/Login.java"), running(2, "Wire the route"));
    JobSnapshot snapshot = snapshot("job-1", "running", "step", 2, steps, 3);
    store.record(
        new JobUpdate(
            snapshot,
            List.of(
                event(1, JobEvent.CREATED, 0),
                event(2, JobEvent.STEP_DONE, 1),
                event(3, JobEvent.STEP_STARTED, 2)),
            plan(planStep("Write the form"), planStep("Wire the route")),
            progress(2),
            false));

    JobSnapshot stored = queries.find("job-1").orElseThrow();
    assertThat(stored).isEqualTo(snapshot);
    assertThat(queries.eventsAfter("job-1", 0, 10))
        .extracting(JobEvent::seq, JobEvent::type)
        .containsExactly(tuple(1L, "created"), tuple(2L, "step-done"), tuple(3L, "step-started"));
  }

  @Test
  void recording_the_same_update_twice_stores_it_once() {
    store.register(request("job-1", "Add a login page"), T0);
    JobUpdate update =
        new JobUpdate(
            snapshot("job-1", "running", "step", 1, List.of(running(1, "Write the form")), 2),
            List.of(event(1, JobEvent.CREATED, 0), event(2, JobEvent.STEP_STARTED, 1)),
            plan(planStep("Write the form")),
            progress(1),
            false);

    store.record(update);
    store.record(update);

    assertThat(queries.eventsAfter("job-1", 0, 10)).hasSize(2);
    assertThat(queries.find("job-1").orElseThrow().steps()).hasSize(1);
    assertThat(queries.unfinished()).hasSize(1);
  }

  @Test
  void an_event_already_stored_keeps_its_first_text() {
    store.register(request("job-1", "Add a login page"), T0);
    store.record(
        update(
            snapshot("job-1", "running", "plan", 0, List.of(), 1),
            List.of(new JobEvent(1, T0, JobEvent.CREATED, "queued", 0, "first"))));
    store.record(
        update(
            snapshot("job-1", "running", "plan", 0, List.of(), 2),
            List.of(
                new JobEvent(1, T0, JobEvent.CREATED, "queued", 0, "again"),
                new JobEvent(2, T0, JobEvent.STAGE, "plan", 0, "planning"))));

    assertThat(queries.eventsAfter("job-1", 0, 10))
        .extracting(JobEvent::message)
        .containsExactly("first", "planning");
  }

  @Test
  void a_failing_update_leaves_nothing_of_itself_behind() {
    store.register(request("job-1", "Add a login page"), T0);
    JobUpdate broken =
        new JobUpdate(
            snapshot("job-1", "running", "step", 1, List.of(running(1, "Write the form")), 2),
            // An event without a type violates the schema after the row and steps are written.
            List.of(event(1, JobEvent.CREATED, 0), new JobEvent(2, T0, null, "step", 1, "bad")),
            plan(planStep("Write the form")),
            progress(1),
            false);

    assertThatThrownBy(() -> store.record(broken)).isInstanceOf(RuntimeException.class);

    JobSnapshot job = queries.find("job-1").orElseThrow();
    assertThat(job.status()).isEqualTo("queued");
    assertThat(job.steps()).isEmpty();
    assertThat(queries.eventsAfter("job-1", 0, 10)).isEmpty();
    assertThat(queries.unfinished().get(0).resume().plan()).isNull();
    assertThat(queries.unfinished().get(0).resume().progress()).isNull();
  }

  @Test
  void recording_a_job_that_was_never_registered_fails() {
    assertThatThrownBy(
            () ->
                store.record(
                    update(snapshot("job-x", "running", "plan", 0, List.of(), 0), List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("job-x");
    assertThat(queries.find("job-x")).isEmpty();
  }

  @Test
  void steps_a_replan_dropped_are_forgotten() {
    store.register(request("job-1", "Add a login page"), T0);
    store.record(
        update(
            snapshot(
                "job-1",
                "running",
                "step",
                1,
                List.of(
                    running(1, "A"),
                    JobStep.pending(2, planStep("B")),
                    JobStep.pending(3, planStep("C"))),
                1),
            List.of()));
    store.record(
        update(
            snapshot(
                "job-1",
                "running",
                "step",
                2,
                List.of(done(1, "A"), JobStep.pending(2, planStep("B2"))),
                2),
            List.of()));

    assertThat(queries.find("job-1").orElseThrow().steps())
        .extracting(JobStep::index, step -> step.plan().goal(), JobStep::status)
        .containsExactly(tuple(1, "A", "done"), tuple(2, "B2", "pending"));
  }

  @Test
  void finishing_stamps_the_finish_time_once() {
    store.register(request("job-1", "Add a login page"), T0);
    JobSnapshot done = snapshot("job-1", "done", "finished", 1, List.of(done(1, "A")), 5);
    store.record(update(done, List.of(event(5, JobEvent.DONE, 0))));
    JobSnapshot later =
        new JobSnapshot(
            done.jobId(),
            done.status(),
            done.stage(),
            done.requestClass(),
            done.workspace(),
            done.title(),
            done.currentStep(),
            done.steps(),
            done.usage(),
            done.planner(),
            done.changedFiles(),
            "all done",
            null,
            5,
            T0,
            T0 + 60_000);
    store.record(update(later, List.of()));

    assertThat(context.getBean(JobRepository.class).findById("job-1").orElseThrow().finishedAt())
        .isEqualTo(done.updatedAt());
    assertThat(queries.recent(5)).extracting(JobSnapshot::summary).containsExactly("all done");
    assertThat(queries.active()).isEmpty();
  }

  @Test
  void clearing_progress_removes_the_transcript_and_a_new_one_can_follow_in_the_same_update() {
    store.register(request("job-1", "Add a login page"), T0);
    store.record(
        new JobUpdate(
            snapshot("job-1", "running", "step", 1, List.of(running(1, "A")), 1),
            List.of(),
            plan(planStep("A")),
            progress(1),
            false));
    store.record(
        new JobUpdate(
            snapshot("job-1", "running", "step", 1, List.of(done(1, "A")), 2),
            List.of(),
            null,
            null,
            true));
    assertThat(queries.unfinished().get(0).resume().progress()).isNull();

    store.record(
        new JobUpdate(
            snapshot("job-1", "running", "step", 2, List.of(done(1, "A"), running(2, "B")), 3),
            List.of(),
            null,
            progress(2),
            true));
    assertThat(queries.unfinished().get(0).resume().progress().stepIndex()).isEqualTo(2);
    assertThat(queries.unfinished().get(0).resume().plan()).isEqualTo(plan(planStep("A")));
  }
}
