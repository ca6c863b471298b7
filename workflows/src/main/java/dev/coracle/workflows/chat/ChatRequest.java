package dev.coracle.workflows.chat;

import dev.coracle.workflows.job.JobLimits;
import java.util.List;

/**
 * A validated chat request, the input of {@link ChatWorkflow}.
 *
 * @param model the model name the client sent: {@code coracle}, a {@code coracle-<class>} profile
 *     or {@code provider/model}
 * @param streamKey when not null, the model activity also publishes tokens under this key for an
 *     HTTP response waiting in the same process; the durable answer still comes from the workflow
 * @param tools the client's tools (agent mode), or null
 * @param bypassCache true when the client sent {@code Cache-Control: no-cache}
 * @param workspace the directory a job started by this chat works in ({@code x-coracle-workspace}),
 *     or null for a fresh one
 * @param jobLimits when not null, a deep or research request starts a {@code JobWorkflow} with
 *     these limits instead of a single answer; null keeps every request a single answer
 * @param mcpServers MCP servers whose tools coracle runs for the model during this request, or null
 *     (histories recorded before MCP tools carry no such field and deserialize with null)
 */
public record ChatRequest(
    String model,
    List<ChatMessage> messages,
    SamplingParams params,
    String streamKey,
    AgentTools tools,
    boolean bypassCache,
    String workspace,
    JobLimits jobLimits,
    List<McpServerRef> mcpServers) {

  public ChatRequest(
      String model,
      List<ChatMessage> messages,
      SamplingParams params,
      String streamKey,
      AgentTools tools,
      boolean bypassCache,
      String workspace,
      JobLimits jobLimits) {
    this(model, messages, params, streamKey, tools, bypassCache, workspace, jobLimits, null);
  }

  public ChatRequest(
      String model,
      List<ChatMessage> messages,
      SamplingParams params,
      String streamKey,
      AgentTools tools,
      boolean bypassCache) {
    this(model, messages, params, streamKey, tools, bypassCache, null, null, null);
  }

  public ChatRequest(
      String model, List<ChatMessage> messages, SamplingParams params, String streamKey) {
    this(model, messages, params, streamKey, null, false, null, null, null);
  }

  /** True when the client sent tools: coracle then acts as a model for a coding agent. */
  public boolean agentMode() {
    return tools != null && tools.definitions() != null && !tools.definitions().isEmpty();
  }

  /** True when the request attached MCP servers: coracle then runs their tools itself. */
  public boolean hasMcpServers() {
    return mcpServers != null && !mcpServers.isEmpty();
  }

  /** The text of the last user turn, or an empty string when there is none. */
  public String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      ChatMessage message = messages.get(i);
      if ("user".equals(message.role()) && message.content() != null) {
        return message.content();
      }
    }
    return "";
  }
}
