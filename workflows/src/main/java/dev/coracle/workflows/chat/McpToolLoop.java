package dev.coracle.workflows.chat;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflow-side: answers a chat whose request attached MCP servers. Coracle offers the servers'
 * tools next to the client's own functions, runs the model's {@code mcp__} calls itself and feeds
 * the results back, until the model answers or calls one of the client's functions.
 *
 * <p>In a turn that mixes both, the MCP calls run first (the model may rely on their effects), and
 * then the client's calls go back to it; the client never sees the {@code mcp__} calls, so their
 * results are not part of the conversation it sends next.
 */
final class McpToolLoop {
  /** Rounds of MCP calls per request; the model is called at most one time more than this. */
  static final int MAX_TOOL_ROUNDS = 8;

  private final McpChatActivities lister =
      Workflow.newActivityStub(McpChatActivities.class, ActivityOptionsCatalog.mcpListTools());
  private final McpChatActivities caller =
      Workflow.newActivityStub(McpChatActivities.class, ActivityOptionsCatalog.mcpCallTool());

  /** Which server owns each offered {@code mcp__} name. */
  private final Map<String, McpServerRef> owners = new LinkedHashMap<>();

  /**
   * The request with the servers' tools listed and offered next to the client's, so the router sees
   * a request that needs tool calls (no browser) and counts the schemas' tokens.
   *
   * @throws ApplicationFailure {@code MCP_UNAVAILABLE} when a server cannot be reached
   */
  ChatRequest attach(ChatRequest request) {
    // No stream key: an intermediate turn's mcp__ calls must not reach the client.
    return new ChatRequest(
        request.model(),
        request.messages(),
        request.params(),
        null,
        offered(request),
        true,
        request.workspace(),
        null,
        request.mcpServers());
  }

  /** Runs the loop for a request {@link #attach} returned. */
  ChatResult answer(ChatRequest request, Classification classification, RoutePlan plan) {
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    McpTurns turns = new McpTurns(classification);
    for (int round = 0; ; round++) {
      ChatRequest turn =
          new ChatRequest(
              request.model(),
              List.copyOf(messages),
              request.params(),
              null,
              request.tools(),
              true);
      ChatResult answer = turns.add(ModelFallback.answer(turn, classification, plan));
      List<ToolCall> mcpCalls = new ArrayList<>();
      List<ToolCall> clientCalls = new ArrayList<>();
      for (ToolCall call : answer.toolCallsOrEmpty()) {
        (owners.containsKey(call.name()) ? mcpCalls : clientCalls).add(call);
      }
      if (mcpCalls.isEmpty()) {
        return turns.result(answer, answer.toolCalls(), answer.finishReason());
      }
      if (round == MAX_TOOL_ROUNDS) {
        return clientCalls.isEmpty()
            ? turns.stopped(answer, MAX_TOOL_ROUNDS)
            : turns.result(answer, clientCalls, "tool_calls");
      }
      List<McpToolResult> results = run(mcpCalls);
      if (!clientCalls.isEmpty()) {
        return turns.result(answer, clientCalls, "tool_calls");
      }
      messages.add(new ChatMessage("assistant", answer.content(), mcpCalls, null, null));
      for (McpToolResult result : results) {
        messages.add(new ChatMessage("tool", result.output(), null, result.callId(), null));
      }
    }
  }

  /** The servers' tools first, then the client's; remembers which server owns each name. */
  private AgentTools offered(ChatRequest request) {
    List<ToolDefinition> definitions = new ArrayList<>();
    for (McpServerRef server : request.mcpServers()) {
      for (ToolDefinition definition : list(server)) {
        owners.put(definition.name(), server);
        definitions.add(definition);
      }
    }
    AgentTools client = request.tools();
    if (client == null) {
      return new AgentTools(List.copyOf(definitions), null, null);
    }
    if (client.definitions() != null) {
      definitions.addAll(client.definitions());
    }
    return new AgentTools(
        List.copyOf(definitions), client.toolChoice(), client.parallelToolCalls());
  }

  private List<ToolDefinition> list(McpServerRef server) {
    try {
      return lister.listTools(server);
    } catch (ActivityFailure failure) {
      String reason =
          failure.getCause() instanceof ApplicationFailure application
              ? application.getOriginalMessage()
              : "MCP server '" + server.label() + "' could not be reached: " + failure.getMessage();
      throw ApplicationFailure.newNonRetryableFailure(reason, ChatErrorType.MCP_UNAVAILABLE.name());
    }
  }

  private List<McpToolResult> run(List<ToolCall> calls) {
    List<McpToolResult> results = new ArrayList<>();
    for (ToolCall call : calls) {
      McpServerRef server = owners.get(call.name());
      try {
        results.add(caller.callTool(server, call));
      } catch (ActivityFailure failure) {
        // A worker lost or a timeout: the model hears of it and may answer without the tool.
        results.add(
            new McpToolResult(
                call.id(),
                call.name() + " failed: MCP server " + server.label() + " did not answer in time",
                true));
      }
    }
    return results;
  }
}
