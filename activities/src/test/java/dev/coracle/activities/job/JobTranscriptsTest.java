package dev.coracle.activities.job;

import static dev.coracle.activities.job.Jobs.T0;
import static dev.coracle.activities.job.Jobs.done;
import static dev.coracle.activities.job.Jobs.plan;
import static dev.coracle.activities.job.Jobs.planStep;
import static dev.coracle.activities.job.Jobs.request;
import static dev.coracle.activities.job.Jobs.running;
import static dev.coracle.activities.job.Jobs.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.job.CoderTurn;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStep;
import dev.coracle.workflows.job.JobUpdate;
import dev.coracle.workflows.job.StepProgress;
import dev.coracle.workflows.job.TranscriptAppend;
import dev.coracle.workflows.job.TranscriptEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Coder conversations kept in the store: what a turn's model call reads back, and when. */
class JobTranscriptsTest extends JobStoreFixture {
  private static final ToolCall READ = new ToolCall("call-1", "read_file", "{\"path\":\"a\"}");
  private static final AgentTools TOOLS =
      new AgentTools(
          List.of(new ToolDefinition("read_file", "read", "{\"type\":\"object\"}", null)),
          "auto",
          false);

  JobTranscripts transcripts;
  ArtifactStore artifacts;

  @BeforeEach
  void beans() {
    transcripts = context.getBean(JobTranscripts.class);
    artifacts = context.getBean(ArtifactStore.class);
    store.register(request("job-1", "Add a login page"), T0);
  }

  @Test
  void a_turn_reads_the_stored_conversation_with_long_tool_output_whole() {
    String whole = "line\n".repeat(4000);
    String id =
        artifacts.put(
            "job-1",
            Artifact.TOOL_OUTPUT,
            "read_file",
            Artifact.TEXT,
            whole.getBytes(StandardCharsets.UTF_8));
    store.record(
        turn(
            2,
            new TranscriptAppend(
                2,
                List.of(
                    new TranscriptEntry(0, new ChatMessage("system", "You are a coder."), null),
                    new TranscriptEntry(1, new ChatMessage("user", "Your step (2)"), null)),
                TOOLS)));
    store.record(
        turn(
            4,
            new TranscriptAppend(
                2,
                List.of(
                    new TranscriptEntry(
                        2, new ChatMessage("assistant", null, List.of(READ), null, null), null),
                    new TranscriptEntry(
                        3, new ChatMessage("tool", "line\nli", null, "call-1", "read_file"), id)),
                null)));

    List<ChatMessage> messages = transcripts.messages(coderTurn(4));

    assertThat(messages)
        .extracting(ChatMessage::role)
        .containsExactly("system", "user", "assistant", "tool");
    assertThat(messages.get(3).content()).isEqualTo(whole);
    assertThat(messages.get(3).toolCallId()).isEqualTo("call-1");
    assertThat(transcripts.tools(coderTurn(4))).isEqualTo(TOOLS);
    // A turn sees only the messages it names, even when more are stored.
    assertThat(transcripts.messages(coderTurn(2))).hasSize(2);
    // The progress row names the conversation; the job row kept its steps.
    assertThat(queries.find("job-1").orElseThrow().steps()).hasSize(2);
    assertThat(queries.find("job-1").orElseThrow().lastEventSeq()).isEqualTo(3);
  }

  @Test
  void a_turn_naming_messages_that_were_never_stored_fails_instead_of_asking_with_less() {
    store.record(
        turn(
            1,
            new TranscriptAppend(
                2, List.of(new TranscriptEntry(0, new ChatMessage("user", "go"), null)), TOOLS)));

    assertThatThrownBy(() -> transcripts.messages(coderTurn(3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has 1 stored messages, not 3");
  }

  @Test
  void the_checkpoint_drops_the_conversation_and_its_tools() {
    store.record(
        turn(
            1,
            new TranscriptAppend(
                2, List.of(new TranscriptEntry(0, new ChatMessage("user", "go"), null)), TOOLS)));

    store.record(
        new JobUpdate(
            snapshot(
                "job-1",
                "running",
                "step",
                2,
                List.of(done(1, "Write the form"), done(2, "Wire the route")),
                4),
            List.of(),
            null,
            null,
            true));

    assertThatThrownBy(() -> transcripts.messages(coderTurn(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(transcripts.tools(coderTurn(0))).isNull();
  }

  private JobUpdate turn(int size, TranscriptAppend added) {
    if (queries.find("job-1").orElseThrow().steps().isEmpty()) {
      // The step rows are written when the step starts, before its first turn.
      store.record(
          new JobUpdate(
              snapshot(
                  "job-1",
                  "running",
                  "step",
                  2,
                  List.of(done(1, "Write the form"), running(2, "Wire the route")),
                  3),
              List.of(),
              plan(planStep("Write the form"), planStep("Wire the route")),
              null,
              false));
    }
    JobSnapshot slim = snapshot("job-1", "running", "step", 2, List.<JobStep>of(), 3);
    StepProgress progress =
        new StepProgress(
            2, List.of(), List.of(), 1, 0, List.of(), "ollama/coder", Usage.NONE, T0, size);
    return new JobUpdate(slim, List.of(), null, progress, false, added, true);
  }

  private static CoderTurn coderTurn(int size) {
    return new CoderTurn("job-1", 2, size, SamplingParams.defaults());
  }
}
