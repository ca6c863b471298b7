package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import java.util.List;

/**
 * The running step's coder conversation, saved after every turn and every tool result so that a
 * crash loses at most the call that was in flight.
 *
 * @param transcript the messages of the step so far (system and user prompts included), for runs
 *     that keep the conversation in workflow memory; empty when it lives in the store
 * @param pendingCalls the tool calls of the last assistant turn that have no result yet
 * @param transcriptSize how many messages of the step the store holds (see {@link
 *     TranscriptEntry}); 0 when {@code transcript} holds them
 */
public record StepProgress(
    int stepIndex,
    List<ChatMessage> transcript,
    List<ToolCall> pendingCalls,
    int turns,
    int toolCalls,
    List<String> changedFiles,
    String model,
    Usage usage,
    long startedAt,
    int transcriptSize) {

  /** Progress with the conversation in memory, as runs before transcripts in the store save it. */
  public StepProgress(
      int stepIndex,
      List<ChatMessage> transcript,
      List<ToolCall> pendingCalls,
      int turns,
      int toolCalls,
      List<String> changedFiles,
      String model,
      Usage usage,
      long startedAt) {
    this(
        stepIndex,
        transcript,
        pendingCalls,
        turns,
        toolCalls,
        changedFiles,
        model,
        usage,
        startedAt,
        0);
  }

  /** The in-memory messages, never null. */
  public List<ChatMessage> transcriptOrEmpty() {
    return transcript == null ? List.of() : transcript;
  }
}
