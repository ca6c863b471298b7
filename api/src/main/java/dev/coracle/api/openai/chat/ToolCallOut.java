package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool call the model made, in a completion's message or a chunk's delta. Absent fields are left
 * out: a completion's calls have no {@code index}; in a stream, OpenAI sends {@code id}, {@code
 * type} and the function's {@code name} only with the first piece of each call.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCallOut(Integer index, String id, String type, Function function) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Function(String name, String arguments) {}

  /** The result's tool calls; chunks also carry each call's index. */
  public static List<ToolCallOut> all(ChatResult result, boolean withIndex) {
    List<ToolCallOut> calls = new ArrayList<>();
    List<ToolCall> toolCalls = result.toolCallsOrEmpty();
    for (int i = 0; i < toolCalls.size(); i++) {
      ToolCall call = toolCalls.get(i);
      calls.add(
          new ToolCallOut(
              withIndex ? i : null,
              call.id(),
              "function",
              new Function(call.name(), call.arguments())));
    }
    return List.copyOf(calls);
  }
}
