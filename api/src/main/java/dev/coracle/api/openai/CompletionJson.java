package dev.coracle.api.openai;

import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds OpenAI's {@code chat.completion} and {@code chat.completion.chunk} objects. */
final class CompletionJson {
  private CompletionJson() {}

  static Map<String, Object> completion(String id, long created, String model, ChatResult result) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    boolean hasToolCalls = !result.toolCallsOrEmpty().isEmpty();
    // OpenAI sends null content, not "", on a turn that only calls tools.
    boolean noText = result.content() == null || result.content().isEmpty();
    message.put("content", hasToolCalls && noText ? null : result.content());
    message.put("refusal", null);
    if (hasToolCalls) {
      message.put("tool_calls", toolCalls(result, false));
    }
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("logprobs", null);
    choice.put("finish_reason", result.finishReason());
    Map<String, Object> body = header(id, "chat.completion", created, model);
    body.put("choices", List.of(choice));
    body.put("usage", usage(result.usage()));
    return body;
  }

  static Map<String, Object> chunk(
      String id, long created, String model, Map<String, Object> delta, String finishReason) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("logprobs", null);
    choice.put("finish_reason", finishReason);
    Map<String, Object> body = header(id, "chat.completion.chunk", created, model);
    body.put("choices", List.of(choice));
    return body;
  }

  /** The extra chunk sent when {@code stream_options.include_usage} is set: no choices. */
  static Map<String, Object> usageChunk(String id, long created, String model, Usage usage) {
    Map<String, Object> body = header(id, "chat.completion.chunk", created, model);
    body.put("choices", List.of());
    body.put("usage", usage(usage));
    return body;
  }

  static Map<String, Object> roleDelta() {
    Map<String, Object> delta = new LinkedHashMap<>();
    delta.put("role", "assistant");
    delta.put("content", "");
    return delta;
  }

  static Map<String, Object> contentDelta(String text) {
    return Map.of("content", text);
  }

  /** The result's tool calls in OpenAI's shape; chunks also carry each call's index. */
  static List<Map<String, Object>> toolCalls(ChatResult result, boolean withIndex) {
    List<Map<String, Object>> calls = new java.util.ArrayList<>();
    List<ToolCall> toolCalls = result.toolCallsOrEmpty();
    for (int i = 0; i < toolCalls.size(); i++) {
      ToolCall call = toolCalls.get(i);
      Map<String, Object> entry = new LinkedHashMap<>();
      if (withIndex) {
        entry.put("index", i);
      }
      entry.put("id", call.id());
      entry.put("type", "function");
      entry.put("function", Map.of("name", call.name(), "arguments", call.arguments()));
      calls.add(entry);
    }
    return calls;
  }

  private static Map<String, Object> header(String id, String object, long created, String model) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("object", object);
    body.put("created", created);
    body.put("model", model);
    body.put("system_fingerprint", null);
    return body;
  }

  private static Map<String, Object> usage(Usage usage) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("prompt_tokens", usage.promptTokens());
    map.put("completion_tokens", usage.completionTokens());
    map.put("total_tokens", usage.totalTokens());
    return map;
  }
}
