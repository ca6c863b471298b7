package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.model.ModelChain;
import java.util.List;

/**
 * A running step's coder conversation: where it is kept and how the coder is asked with it. Runs
 * started before {@link JobHistory#BY_REFERENCE} keep it in workflow memory ({@link
 * InMemoryTranscript}); later runs keep it in the store ({@link StoredTranscript}).
 */
interface StepTranscript {

  /**
   * Adds a message.
   *
   * @param artifactId the artifact holding the message's whole content when {@code message} holds
   *     only its start, else null
   */
  void add(ChatMessage message, String artifactId);

  /** Asks the coder for its next turn with the conversation so far. */
  ModelChain.Answered ask(JobModels models, AgentTools tools);

  /** The messages saved inside the step's progress; empty when the store holds them. */
  List<ChatMessage> inMemory();

  /** How many messages the store holds; 0 when they are kept in memory. */
  int storedSize();

  /** The messages and tools to write with the next progress save, or null when there are none. */
  TranscriptAppend drain();

  /** True when messages wait for the next progress save. */
  boolean hasUnsaved();

  /** How much of a tool's output the history may hold: 0 for all of it. */
  int toolPreviewBytes();
}
