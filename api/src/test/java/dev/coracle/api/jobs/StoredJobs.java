package dev.coracle.api.jobs;

import dev.coracle.activities.job.JobStore;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobLimits;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStep;
import dev.coracle.workflows.job.JobUpdate;
import dev.coracle.workflows.job.PlanStep;
import java.util.List;

/** Writes jobs through the store the way the job workflow does, for the API to read. */
final class StoredJobs {
  /** 2026-11-20T08:00:00Z. */
  static final long T0 = 1_795_161_600_000L;

  private final JobStore store;

  StoredJobs(JobStore store) {
    this.store = store;
  }

  /** Registers a job in a workspace of its own: one unfinished job holds a workspace. */
  void register(String id, String title, long createdAt) {
    ChatRequest chat =
        new ChatRequest("coracle", List.of(new ChatMessage("user", title)), null, null);
    store.register(
        new JobRequest(id, chat, "/work/" + id, RequestClass.DEEP, JobLimits.defaults(), null),
        createdAt);
  }

  /** Records the job as it is now, with {@code events} numbered as given. */
  void record(
      String id,
      String status,
      String stage,
      int current,
      List<JobStep> steps,
      List<JobEvent> events) {
    long seq = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
    JobSnapshot snapshot =
        new JobSnapshot(
            id,
            status,
            stage,
            "deep",
            "/work/app",
            "title",
            current,
            steps,
            new Usage(1200, 340),
            "groq/llama-3.3-70b",
            List.of("src/Login.java", "src/Routes.java"),
            "done".equals(status) ? "Added the login page." : null,
            null,
            seq,
            T0,
            T0 + 60_000);
    store.record(new JobUpdate(snapshot, events, null, null, false));
  }

  static JobStep step(int index, String status, String goal) {
    boolean finished = JobStep.DONE.equals(status);
    return new JobStep(
        index,
        new PlanStep(goal, List.of("src/Login.java"), List.of("write_file"), "it compiles"),
        status,
        finished ? "wrote it" : null,
        finished ? List.of("src/Login.java") : List.of(),
        finished ? 3 : 1,
        finished ? 5 : 0,
        "ollama/qwen2.5-coder:7b",
        finished ? new Usage(800, 200) : Usage.NONE,
        T0 + 1_000,
        finished ? T0 + 4_500 : 0,
        List.of());
  }

  static JobEvent event(long seq, String type) {
    return new JobEvent(seq, T0 + seq, type, "step", 1, type + " #" + seq);
  }
}
