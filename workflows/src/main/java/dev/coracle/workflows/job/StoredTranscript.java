package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.model.ModelChain;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation kept in the store: the workflow holds only how many messages are stored and the
 * ones not written yet. Each progress write adds the new messages, and each coder turn names the
 * conversation by step and length, so a turn costs the history the same however long the step is.
 */
final class StoredTranscript implements StepTranscript {
  private final String jobId;
  private final int step;
  private final List<TranscriptEntry> unsaved = new ArrayList<>();
  private int size;
  private AgentTools toolsToDeclare;

  /**
   * @param size how many messages of the step the store already holds
   * @param tools the coder's tools, written with the first save so the store has this run's set
   */
  StoredTranscript(String jobId, int step, int size, AgentTools tools) {
    this.jobId = jobId;
    this.step = step;
    this.size = size;
    this.toolsToDeclare = tools;
  }

  @Override
  public void add(ChatMessage message, String artifactId) {
    unsaved.add(new TranscriptEntry(size++, message, artifactId));
  }

  @Override
  public ModelChain.Answered ask(JobModels models, AgentTools tools) {
    if (hasUnsaved()) {
      throw new IllegalStateException("the coder is asked before its conversation is stored");
    }
    return models.askCoder(new CoderTurn(jobId, step, size, JobPrompts.coderParams()));
  }

  @Override
  public List<ChatMessage> inMemory() {
    return List.of();
  }

  @Override
  public int storedSize() {
    return size;
  }

  @Override
  public TranscriptAppend drain() {
    if (!hasUnsaved()) {
      return null;
    }
    TranscriptAppend append = new TranscriptAppend(step, List.copyOf(unsaved), toolsToDeclare);
    unsaved.clear();
    toolsToDeclare = null;
    return append;
  }

  @Override
  public boolean hasUnsaved() {
    return !unsaved.isEmpty() || toolsToDeclare != null;
  }

  @Override
  public int toolPreviewBytes() {
    return JobHistory.TOOL_PREVIEW_BYTES;
  }
}
