package dev.coracle.workflows.job;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelChain;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Carries out one step: coder turns on the model, each tool call a separate activity on the tools
 * queue, the transcript saved after every turn and tool result. Stops at the turn bound, when the
 * model answers without calling a tool, or when the job is cancelled.
 */
final class StepRunner {
  private final ToolActivities tools =
      Workflow.newActivityStub(ToolActivities.class, ActivityOptionsCatalog.toolCall());
  private final JobState state;
  private final JobJournal journal;
  private final JobModels models;
  private final JobToolset toolset;
  private final BooleanSupplier gate;

  /**
   * @param gate honours pause and cancel between turns; false means the job was cancelled
   */
  StepRunner(
      JobState state,
      JobJournal journal,
      JobModels models,
      JobToolset toolset,
      BooleanSupplier gate) {
    this.state = state;
    this.journal = journal;
    this.models = models;
    this.toolset = toolset;
    this.gate = gate;
  }

  /** Runs the step from its start, or from {@code progress} after a crash. */
  JobStep run(JobStep step, StepProgress progress) {
    Turns turns = progress == null ? fresh(step) : resumed(step, progress);
    int maxTurns = state.request.limits().maxTurnsPerStep();
    while (turns.count < maxTurns) {
      if (!gate.getAsBoolean()) {
        return turns.finish(step, JobStep.FAILED, "cancelled during the step");
      }
      ModelChain.Answered answered =
          models.ask(JobRole.CODER, turns.transcript, JobPrompts.coderParams(), agentTools());
      ModelAnswer answer = answered.answer();
      turns.count++;
      turns.model = answered.target().qualifiedName();
      turns.addUsage(answer.usage());
      state.addUsage(answer.usage());
      List<ToolCall> calls = answer.toolCallsOrEmpty();
      turns.transcript.add(new ChatMessage("assistant", answer.content(), calls, null, null));
      if (calls.isEmpty()) {
        return turns.finish(step, JobStep.DONE, summaryOf(answer.content()));
      }
      turns.pending.addAll(calls);
      journal.saveProgress(turns.progress(step));
      for (ToolCall call : calls) {
        // A cancel stops before the next tool call, not only before the next turn.
        if (!gate.getAsBoolean()) {
          return turns.finish(step, JobStep.FAILED, "cancelled during the step");
        }
        runTool(step, call, turns);
      }
    }
    return turns.finish(step, JobStep.FAILED, "used all " + maxTurns + " coder turns");
  }

  private Turns fresh(JobStep step) {
    List<JobStep> done = state.finishedSteps();
    Turns turns = new Turns(Workflow.currentTimeMillis());
    turns.transcript.addAll(JobPrompts.coder(state.brief(), step, done));
    journal.saveProgress(turns.progress(step));
    return turns;
  }

  /**
   * Picks a step up where a crash left it. Calls that were in flight are re-run only when the tool
   * is idempotent; any other is reported to the model, and later to the verifier, as interrupted.
   */
  private Turns resumed(JobStep step, StepProgress progress) {
    Turns turns = new Turns(progress.startedAt());
    turns.transcript.addAll(progress.transcript());
    turns.count = progress.turns();
    turns.toolCalls = progress.toolCalls();
    turns.changed.addAll(progress.changedFiles());
    turns.model = progress.model();
    turns.usage = progress.usage() == null ? Usage.NONE : progress.usage();
    boolean handedOver = state.request.resume() != null && state.request.resume().handedOver();
    for (ToolCall call : progress.pendingCalls()) {
      turns.pending.add(call);
      if (handedOver) {
        // The last run stopped before this call started: it runs now, for the first time.
        runTool(step, call, turns);
      } else if (toolset.isIdempotent(call.name())) {
        state.emit(JobEvent.RECOVERED, "re-running " + call.name() + " after a restart");
        runTool(step, call, turns);
      } else {
        turns.interrupted.add(call.name() + " " + call.arguments());
        state.emit(
            JobEvent.INTERRUPTED,
            call.name() + " was running when coracle stopped; it was not re-run");
        String note =
            "interrupted: coracle stopped while this call ran, so its effect is unknown."
                + " Check the workspace before relying on it.";
        turns.transcript.add(new ChatMessage("tool", note, null, call.id(), call.name()));
        turns.pending.remove(call);
        journal.saveProgress(turns.progress(step));
      }
    }
    return turns;
  }

  private void runTool(JobStep step, ToolCall call, Turns turns) {
    ToolResult result;
    try {
      result =
          tools.run(new ToolInvocation(state.request.jobId(), state.workspace, step.index(), call));
    } catch (ActivityFailure failure) {
      String why =
          failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
      result = new ToolResult(call.id(), "tool call failed: " + why, true, List.of());
    }
    turns.toolCalls++;
    state.toolCalls++;
    turns.changed.addAll(result.changedFiles());
    state.changedFiles.addAll(result.changedFiles());
    turns.transcript.add(new ChatMessage("tool", result.output(), null, call.id(), call.name()));
    turns.pending.remove(call);
    state.emit(JobEvent.TOOL, describe(call, result));
    journal.saveProgress(turns.progress(step));
  }

  private AgentTools agentTools() {
    return new AgentTools(toolset.definitions(), "auto", false);
  }

  private static String describe(ToolCall call, ToolResult result) {
    String outcome = result.error() ? "error: " + firstLine(result.output()) : "ok";
    String files =
        result.changedFiles().isEmpty()
            ? ""
            : " (" + String.join(", ", result.changedFiles()) + ")";
    return call.name() + files + ": " + outcome;
  }

  private static String summaryOf(String content) {
    String text = content == null ? "" : content.strip();
    return text.isEmpty() ? "done" : text.length() > 500 ? text.substring(0, 497) + "..." : text;
  }

  private static String firstLine(String text) {
    String line = text == null ? "" : text.strip();
    int newline = line.indexOf('\n');
    line = newline < 0 ? line : line.substring(0, newline);
    return line.length() > 160 ? line.substring(0, 157) + "..." : line;
  }

  /** The step's conversation and counters while it runs. */
  private static final class Turns {
    final List<ChatMessage> transcript = new ArrayList<>();
    final List<ToolCall> pending = new ArrayList<>();
    final Set<String> changed = new LinkedHashSet<>();
    final List<String> interrupted = new ArrayList<>();
    final long startedAt;
    int count;
    int toolCalls;
    String model;
    Usage usage = Usage.NONE;

    Turns(long startedAt) {
      this.startedAt = startedAt;
    }

    void addUsage(Usage more) {
      usage = usage.plus(more);
    }

    StepProgress progress(JobStep step) {
      return new StepProgress(
          step.index(),
          List.copyOf(transcript),
          List.copyOf(pending),
          count,
          toolCalls,
          List.copyOf(changed),
          model,
          usage,
          startedAt);
    }

    JobStep finish(JobStep step, String status, String summary) {
      return new JobStep(
          step.index(),
          step.plan(),
          status,
          summary,
          List.copyOf(changed),
          count,
          toolCalls,
          model,
          usage,
          startedAt,
          Workflow.currentTimeMillis(),
          List.copyOf(interrupted));
    }
  }
}
