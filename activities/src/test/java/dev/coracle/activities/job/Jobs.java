package dev.coracle.activities.job;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobLimits;
import dev.coracle.workflows.job.JobPlan;
import dev.coracle.workflows.job.JobPlanState;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStep;
import dev.coracle.workflows.job.JobUpdate;
import dev.coracle.workflows.job.PlanStep;
import dev.coracle.workflows.job.StepProgress;
import java.util.List;

/** Job records as a workflow would write them, for store tests. */
final class Jobs {

  static final long T0 = 1_790_000_000_000L;

  private Jobs() {}

  /** A job request; each job works in a workspace of its own, as one job per workspace demands. */
  static JobRequest request(String jobId, String text) {
    return request(jobId, text, "/work/" + jobId);
  }

  static JobRequest request(String jobId, String text, String workspace) {
    ChatRequest chat =
        new ChatRequest(
            "coracle",
            List.of(new ChatMessage("user", text)),
            SamplingParams.defaults(),
            null,
            null,
            false,
            workspace,
            null);
    return new JobRequest(jobId, chat, workspace, RequestClass.DEEP, JobLimits.defaults(), null);
  }

  static PlanStep planStep(String goal, String... files) {
    return new PlanStep(goal, List.of(files), List.of("write_file"), goal + " works");
  }

  static JobStep done(int index, String goal, String... changed) {
    return new JobStep(
        index,
        planStep(goal, changed),
        JobStep.DONE,
        "did " + goal,
        List.of(changed),
        3,
        4,
        "ollama/qwen2.5-coder",
        new Usage(100 * index, 10 * index),
        T0 + index * 1000,
        T0 + index * 1000 + 500,
        List.of());
  }

  static JobStep running(int index, String goal) {
    return new JobStep(
        index,
        planStep(goal),
        JobStep.RUNNING,
        null,
        List.of(),
        1,
        0,
        "ollama/qwen2.5-coder",
        Usage.NONE,
        T0 + index * 1000,
        0,
        List.of());
  }

  static JobSnapshot snapshot(
      String jobId, String status, String stage, int currentStep, List<JobStep> steps, long seq) {
    return new JobSnapshot(
        jobId,
        status,
        stage,
        "deep",
        "/work/app",
        "Add a login page",
        currentStep,
        steps,
        new Usage(300, 30),
        "groq/llama-3.3-70b",
        List.of("src/Login.java"),
        null,
        null,
        seq,
        T0,
        T0 + seq * 1000);
  }

  static JobEvent event(long seq, String type, int step) {
    return new JobEvent(seq, T0 + seq, type, "step", step, type + " " + seq);
  }

  static JobPlanState plan(PlanStep... steps) {
    return new JobPlanState(
        "/work/app",
        "art-1",
        "README.md\nsrc/",
        "Add a login page",
        new JobPlan("login page", List.of(steps)),
        0,
        "groq/llama-3.3-70b");
  }

  static StepProgress progress(int stepIndex) {
    return new StepProgress(
        stepIndex,
        List.of(
            new ChatMessage("system", "You are a coder."),
            new ChatMessage(
                "assistant",
                null,
                List.of(new ToolCall("call-1", "write_file", "{\"path\":\"a.txt\"}")),
                null,
                null)),
        List.of(new ToolCall("call-1", "write_file", "{\"path\":\"a.txt\"}")),
        1,
        1,
        List.of("a.txt"),
        "ollama/qwen2.5-coder",
        new Usage(50, 5),
        T0 + 2000);
  }

  static JobUpdate update(JobSnapshot snapshot, List<JobEvent> events) {
    return new JobUpdate(snapshot, events, null, null, false);
  }
}
