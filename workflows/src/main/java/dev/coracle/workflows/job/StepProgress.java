package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import java.util.List;

/**
 * The running step's coder conversation, saved after every turn and every tool result so that a
 * crash loses at most the call that was in flight.
 *
 * @param transcript the messages of the step so far (system and user prompts included)
 * @param pendingCalls the tool calls of the last assistant turn that have no result yet
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
    long startedAt) {}
