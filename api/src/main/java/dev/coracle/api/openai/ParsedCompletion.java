package dev.coracle.api.openai;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import java.util.List;

/** A chat completion request after validation. */
public record ParsedCompletion(
    String model,
    List<ChatMessage> messages,
    SamplingParams params,
    boolean stream,
    boolean includeUsage,
    AgentTools tools) {}
