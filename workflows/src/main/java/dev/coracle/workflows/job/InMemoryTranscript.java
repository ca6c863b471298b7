package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.model.ModelChain;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation as runs recorded before {@link JobHistory#BY_REFERENCE} keep it: whole, in
 * workflow memory, saved with every progress write and sent with every coder call. Kept so their
 * histories replay.
 */
final class InMemoryTranscript implements StepTranscript {
  private final List<ChatMessage> messages = new ArrayList<>();

  InMemoryTranscript(List<ChatMessage> start) {
    messages.addAll(start);
  }

  @Override
  public void add(ChatMessage message, String artifactId) {
    messages.add(message);
  }

  @Override
  public ModelChain.Answered ask(JobModels models, AgentTools tools) {
    return models.ask(JobRole.CODER, messages, JobPrompts.coderParams(), tools);
  }

  @Override
  public List<ChatMessage> inMemory() {
    return List.copyOf(messages);
  }

  @Override
  public int storedSize() {
    return 0;
  }

  @Override
  public TranscriptAppend drain() {
    return null;
  }

  @Override
  public boolean hasUnsaved() {
    return false;
  }

  @Override
  public int toolPreviewBytes() {
    return 0;
  }
}
