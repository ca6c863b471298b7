package dev.coracle.workflows.chat;

import dev.coracle.workflows.model.ModelActivities;
import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake model for the MCP loop, picked by model name: {@link #MCP_THEN_ANSWER} searches once and
 * then answers with what it found, {@link #MIXED} searches and reads a file in the same turn,
 * {@link #MCP_FOREVER} never stops searching. Every turn costs 10 prompt and 2 completion tokens.
 */
final class ScriptedToolModel implements ModelActivities {
  static final String MCP_THEN_ANSWER = "mcp-then-answer";
  static final String MIXED = "mixed";
  static final String MCP_FOREVER = "mcp-forever";

  final List<ModelCall> calls = new CopyOnWriteArrayList<>();

  @Override
  public ModelAnswer call(ModelCall call) {
    calls.add(call);
    List<ChatMessage> messages = call.messages();
    ChatMessage last = messages.get(messages.size() - 1);
    String model = call.target().model();
    if ("tool".equals(last.role()) && !MCP_FOREVER.equals(model)) {
      return new ModelAnswer("tool said: " + last.content(), "stop", new Usage(10, 2), 5);
    }
    List<ToolCall> toolCalls = new ArrayList<>();
    toolCalls.add(
        new ToolCall("call-" + calls.size(), FakeMcpServers.SEARCH, "{\"query\":\"coracle\"}"));
    if (MIXED.equals(model)) {
      toolCalls.add(new ToolCall("call-client", "read_file", "{\"path\":\"README.md\"}"));
    }
    return new ModelAnswer("", "tool_calls", new Usage(10, 2), 5, toolCalls);
  }
}
