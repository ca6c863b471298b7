package dev.coracle.api.chat;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.McpServerRef;
import dev.coracle.workflows.chat.SamplingParams;
import java.util.List;

/**
 * What every door (chat completions, responses, messages, completions) turns its request into: the
 * one internal request a {@code ChatWorkflow} is started with. Whether and how the answer is
 * streamed is the door's business, not part of the call.
 *
 * @param model the model name as the client sent it; {@link ChatRunner} resolves it
 * @param tools the client's tools (agent mode), or null
 * @param mcpServers MCP servers whose tools coracle runs for this request, or null
 * @param cacheable false when an earlier answer must not be served for this call although it has no
 *     tools left: the client offered tools the door dropped (a hosted web search, say), and expects
 *     an answer they could shape
 */
public record ChatCall(
    String model,
    List<ChatMessage> messages,
    SamplingParams params,
    AgentTools tools,
    List<McpServerRef> mcpServers,
    boolean cacheable) {

  public ChatCall(
      String model,
      List<ChatMessage> messages,
      SamplingParams params,
      AgentTools tools,
      List<McpServerRef> mcpServers) {
    this(model, messages, params, tools, mcpServers, true);
  }

  /** The same call for another model name, as after alias resolution. */
  public ChatCall withModel(String resolved) {
    return new ChatCall(resolved, messages, params, tools, mcpServers, cacheable);
  }
}
