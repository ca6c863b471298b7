package dev.coracle.activities.job;

import static dev.coracle.activities.job.Jobs.T0;
import static dev.coracle.activities.job.Jobs.request;
import static dev.coracle.activities.job.Jobs.snapshot;
import static dev.coracle.activities.job.Jobs.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One unfinished job per workspace, held by the store's unique index on real SQLite. */
class WorkspaceLockTest extends JobStoreFixture {

  static final String WORKSPACE = "/home/ada/projects/app";

  @Test
  void a_second_job_on_a_busy_workspace_is_refused_naming_the_holder_and_leaves_no_row() {
    store.register(request("job-1", "First", WORKSPACE), T0);

    assertThatThrownBy(() -> store.register(request("job-2", "Second", WORKSPACE), T0 + 1))
        .isInstanceOfSatisfying(
            WorkspaceBusyException.class,
            busy -> {
              assertThat(busy.holderId()).isEqualTo("job-1");
              assertThat(busy.getMessage()).contains(WORKSPACE, "job-1", "queued");
            });
    assertThat(queries.find("job-2")).isEmpty();
  }

  @Test
  void a_running_or_paused_job_holds_its_workspace_and_a_finished_one_lets_go() {
    store.register(request("job-1", "First", WORKSPACE), T0);
    for (String status : List.of("running", "paused", "waiting_approval")) {
      store.record(update(snapshot("job-1", status, "step", 1, List.of(), 0), List.of()));
      assertThatThrownBy(() -> store.register(request("job-2", "Second", WORKSPACE), T0 + 1))
          .as(status)
          .isInstanceOf(WorkspaceBusyException.class);
    }

    store.record(update(snapshot("job-1", "done", "finished", 1, List.of(), 0), List.of()));
    store.register(request("job-2", "Second", WORKSPACE), T0 + 2);

    assertThat(queries.find("job-2").map(JobSnapshot::status)).contains("queued");
  }

  @Test
  void registering_the_same_job_again_is_not_a_conflict_with_itself() {
    store.register(request("job-1", "First", WORKSPACE), T0);
    store.register(request("job-1", "First", WORKSPACE), T0 + 5);

    assertThat(queries.active()).extracting(JobSnapshot::jobId).containsExactly("job-1");
  }

  @Test
  void jobs_in_fresh_workspaces_never_conflict() {
    store.register(request("job-1", "First", null), T0);
    store.register(request("job-2", "Second", null), T0 + 1);

    assertThat(queries.active()).hasSize(2);
  }

  @Test
  void of_many_registrations_at_the_same_moment_exactly_one_gets_the_workspace() throws Exception {
    int contenders = 8;
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < contenders; i++) {
        String id = "job-" + i;
        outcomes.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    store.register(request(id, "Contender", WORKSPACE), T0);
                    return "registered";
                  } catch (WorkspaceBusyException busy) {
                    return "busy";
                  }
                }));
      }
      go.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get());
      }

      assertThat(results).filteredOn("registered"::equals).hasSize(1);
      assertThat(results).filteredOn("busy"::equals).hasSize(contenders - 1);
      assertThat(queries.active()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failing_a_job_before_its_restart_records_why_and_frees_the_workspace() {
    store.register(request("job-1", "First", WORKSPACE), T0);
    store.record(
        update(
            snapshot("job-1", "running", "step", 1, List.of(), 2),
            List.of(Jobs.event(1, JobEvent.CREATED, 0), Jobs.event(2, JobEvent.STAGE, 1))));

    store.failBeforeRestart("job-1", "The workspace is not allowed", T0 + 10);

    JobSnapshot job = queries.find("job-1").orElseThrow();
    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.stage()).isEqualTo("finished");
    assertThat(job.error()).isEqualTo("The workspace is not allowed");
    assertThat(job.lastEventSeq()).isEqualTo(3);
    assertThat(queries.eventsAfter("job-1", 2, 10))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(JobEvent.FAILED);
              assertThat(event.terminal()).isTrue();
              assertThat(event.message()).contains("The workspace is not allowed");
            });
    assertThat(queries.unfinished()).isEmpty();
    store.register(request("job-2", "Second", WORKSPACE), T0 + 11);
    assertThat(Set.copyOf(queries.active().stream().map(JobSnapshot::jobId).toList()))
        .containsExactly("job-2");
  }
}
