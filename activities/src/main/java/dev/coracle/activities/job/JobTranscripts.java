package dev.coracle.activities.job;

import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.job.CoderTurn;
import dev.coracle.workflows.job.TranscriptAppend;
import dev.coracle.workflows.job.TranscriptEntry;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Running steps' coder conversations in the store. The workflow names a conversation by job, step
 * and length; the model call and the router read it here, with long tool outputs read back whole
 * from their artifacts, so the model sees what it would have seen had the history carried it all.
 */
@Singleton
public class JobTranscripts {

  private final JobTranscriptRepository rows;
  private final ArtifactStore artifacts;

  JobTranscripts(JobTranscriptRepository rows, ArtifactStore artifacts) {
    this.rows = rows;
    this.artifacts = artifacts;
  }

  /** Adds what one progress write brings; the caller's transaction covers it. */
  void append(String jobId, TranscriptAppend added) {
    for (TranscriptEntry entry : added.entries()) {
      rows.upsert(
          jobId, added.step(), entry.seq(), JobJson.write(entry.message()), entry.artifactId());
    }
    if (added.tools() != null) {
      rows.upsertTools(jobId, added.step(), JobJson.write(added.tools()));
    }
  }

  /** Drops a job's conversations: its running step is checkpointed. */
  void clear(String jobId) {
    rows.deleteMessages(jobId);
    rows.deleteTools(jobId);
  }

  /**
   * The messages the turn names, in order.
   *
   * @throws IllegalStateException when one is missing: the workflow names only what it stored
   */
  @ReadOnly
  public List<ChatMessage> messages(CoderTurn turn) {
    List<JobTranscriptRow> stored = rows.messages(turn.jobId(), turn.step(), turn.transcriptSize());
    if (stored.size() != turn.transcriptSize()) {
      throw new IllegalStateException(
          "job "
              + turn.jobId()
              + " step "
              + turn.step()
              + " has "
              + stored.size()
              + " stored messages, not "
              + turn.transcriptSize());
    }
    List<ChatMessage> messages = new ArrayList<>(stored.size());
    for (JobTranscriptRow row : stored) {
      ChatMessage message = JobJson.read(row.messageJson(), ChatMessage.class);
      messages.add(row.artifactId() == null ? message : whole(message, row.artifactId()));
    }
    return messages;
  }

  /** The coder's tools for the turn's step, or null when the step declared none. */
  @ReadOnly
  public AgentTools tools(CoderTurn turn) {
    List<String> json = rows.tools(turn.jobId(), turn.step());
    return json.isEmpty() ? null : JobJson.read(json.get(0), AgentTools.class);
  }

  private ChatMessage whole(ChatMessage message, String artifactId) {
    String content =
        artifacts
            .get(artifactId)
            .map(Artifact::text)
            .orElseThrow(() -> new IllegalStateException("artifact " + artifactId + " is missing"));
    return new ChatMessage(
        message.role(), content, message.toolCalls(), message.toolCallId(), message.name());
  }
}
