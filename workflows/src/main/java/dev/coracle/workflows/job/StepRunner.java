package dev.coracle.workflows.job;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.HostQueues;
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
import java.util.function.Consumer;

/**
 * Carries out one step: coder turns on the model, each tool call a separate activity on the tools
 * queue, the transcript saved after every turn and tool result. Stops at the turn bound, when the
 * model answers without calling a tool, or when the job is cancelled.
 */
final class StepRunner {
  private final ToolActivities tools;
  private final JobState state;
  private final JobJournal journal;
  private final JobModels models;
  private final JobToolset toolset;
  private final BooleanSupplier gate;
  private final Consumer<StepProgress> handOver;

  /**
   * @param gate honours pause and cancel between turns; false means the job was cancelled
   * @param handOver between coder turns, continues the job as new from this progress when the
   *     history is long (it does not return then); only runs that keep transcripts in the store
   *     call it
   */
  StepRunner(
      JobState state,
      JobJournal journal,
      JobModels models,
      JobToolset toolset,
      BooleanSupplier gate,
      Consumer<StepProgress> handOver) {
    this(state, journal, models, toolset, gate, handOver, HostQueues.SHARED);
  }

  /** A step whose tool calls run on the tools queue of {@code host}. */
  StepRunner(
      JobState state,
      JobJournal journal,
      JobModels models,
      JobToolset toolset,
      BooleanSupplier gate,
      Consumer<StepProgress> handOver,
      HostQueues host) {
    this.tools =
        Workflow.newActivityStub(
            ToolActivities.class, host.onTools(ActivityOptionsCatalog.toolCall()));
    this.state = state;
    this.journal = journal;
    this.models = models;
    this.toolset = toolset;
    this.gate = gate;
    this.handOver = handOver;
  }

  /** Runs the step from its start, or from {@code progress} after a crash. */
  JobStep run(JobStep step, StepProgress progress) {
    boolean byReference = JobHistory.byReference();
    Turns turns =
        progress == null ? fresh(step, byReference) : resumed(step, progress, byReference);
    int maxTurns = state.request.limits().maxTurnsPerStep();
    while (turns.count < maxTurns) {
      if (!gate.getAsBoolean()) {
        return turns.finish(step, JobStep.FAILED, "cancelled during the step");
      }
      if (byReference) {
        // Every message is stored and no call is pending here, so a fresh run resumes cleanly.
        handOver.accept(turns.progress(step));
      }
      ModelChain.Answered answered = turns.transcript.ask(models, agentTools());
      ModelAnswer answer = answered.answer();
      turns.count++;
      turns.model = answered.target().qualifiedName();
      turns.addUsage(answer.usage());
      state.addUsage(answer.usage());
      List<ToolCall> calls = answer.toolCallsOrEmpty();
      turns.transcript.add(new ChatMessage("assistant", answer.content(), calls, null, null), null);
      if (calls.isEmpty()) {
        return turns.finish(step, JobStep.DONE, StepWording.summary(answer.content()));
      }
      turns.pending.addAll(calls);
      save(step, turns);
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

  private Turns fresh(JobStep step, boolean byReference) {
    List<ChatMessage> prompt = JobPrompts.coder(state.brief(), step, state.finishedSteps());
    StepTranscript transcript;
    if (byReference) {
      transcript = new StoredTranscript(state.request.jobId(), step.index(), 0, agentTools());
      prompt.forEach(message -> transcript.add(message, null));
    } else {
      transcript = new InMemoryTranscript(prompt);
    }
    Turns turns = new Turns(Workflow.currentTimeMillis(), transcript);
    save(step, turns);
    return turns;
  }

  /**
   * The conversation a resumed step goes on with. A run that keeps it in the store declares its
   * tools again, and moves a conversation saved whole by an older run into the store.
   */
  private StepTranscript resumedTranscript(JobStep step, StepProgress progress, boolean stored) {
    if (!stored) {
      return new InMemoryTranscript(progress.transcriptOrEmpty());
    }
    StepTranscript transcript =
        new StoredTranscript(
            state.request.jobId(), step.index(), progress.transcriptSize(), agentTools());
    progress.transcriptOrEmpty().forEach(message -> transcript.add(message, null));
    return transcript;
  }

  /**
   * Picks a step up where a crash left it. Calls that were in flight are re-run only when the tool
   * is idempotent; any other is reported to the model, and later to the verifier, as interrupted.
   */
  private Turns resumed(JobStep step, StepProgress progress, boolean byReference) {
    Turns turns = new Turns(progress.startedAt(), resumedTranscript(step, progress, byReference));
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
        turns.transcript.add(new ChatMessage("tool", note, null, call.id(), call.name()), null);
        turns.pending.remove(call);
        save(step, turns);
      }
    }
    if (turns.transcript.hasUnsaved()) {
      // Nothing was pending: the store still needs this run's tools, and any moved messages.
      save(step, turns);
    }
    return turns;
  }

  private void runTool(JobStep step, ToolCall call, Turns turns) {
    ToolResult result;
    try {
      result =
          tools.run(
              new ToolInvocation(
                  state.request.jobId(),
                  state.workspace,
                  step.index(),
                  call,
                  turns.transcript.toolPreviewBytes()));
    } catch (ActivityFailure failure) {
      String why =
          failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
      result = new ToolResult(call.id(), "tool call failed: " + why, true, List.of());
    }
    turns.toolCalls++;
    state.toolCalls++;
    turns.changed.addAll(result.changedFiles());
    state.changedFiles.addAll(result.changedFiles());
    turns.transcript.add(
        new ChatMessage("tool", result.output(), null, call.id(), call.name()),
        result.artifactId());
    turns.pending.remove(call);
    state.emit(JobEvent.TOOL, StepWording.toolEvent(call, result));
    save(step, turns);
  }

  private void save(JobStep step, Turns turns) {
    StepProgress progress = turns.progress(step);
    if (turns.transcript instanceof StoredTranscript stored) {
      journal.saveTurn(progress, stored.drain());
    } else {
      journal.saveProgress(progress);
    }
  }

  private AgentTools agentTools() {
    return new AgentTools(toolset.definitions(), "auto", false);
  }

  /** The step's conversation and counters while it runs. */
  private static final class Turns {
    final StepTranscript transcript;
    final List<ToolCall> pending = new ArrayList<>();
    final Set<String> changed = new LinkedHashSet<>();
    final List<String> interrupted = new ArrayList<>();
    final long startedAt;
    int count;
    int toolCalls;
    String model;
    Usage usage = Usage.NONE;

    Turns(long startedAt, StepTranscript transcript) {
      this.startedAt = startedAt;
      this.transcript = transcript;
    }

    void addUsage(Usage more) {
      usage = usage.plus(more);
    }

    StepProgress progress(JobStep step) {
      return new StepProgress(
          step.index(),
          transcript.inMemory(),
          List.copyOf(pending),
          count,
          toolCalls,
          List.copyOf(changed),
          model,
          usage,
          startedAt,
          transcript.storedSize());
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
