package dev.coracle.api.openai;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.McpServerRef;
import dev.coracle.workflows.chat.SamplingParams;
import java.util.List;

/**
 * A chat completion request after validation.
 *
 * @param mcpServers the MCP servers whose tools coracle runs for this request, or null
 */
public record ParsedCompletion(
    String model,
    List<ChatMessage> messages,
    SamplingParams params,
    boolean stream,
    boolean includeUsage,
    AgentTools tools,
    List<McpServerRef> mcpServers) {

  public ParsedCompletion(
      String model,
      List<ChatMessage> messages,
      SamplingParams params,
      boolean stream,
      boolean includeUsage,
      AgentTools tools) {
    this(model, messages, params, stream, includeUsage, tools, null);
  }

  /** The internal request this body asks for. */
  public dev.coracle.api.chat.ChatCall call() {
    return new dev.coracle.api.chat.ChatCall(model, messages, params, tools, mcpServers);
  }
}
