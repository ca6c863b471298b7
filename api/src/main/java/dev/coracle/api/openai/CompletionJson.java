package dev.coracle.api.openai;

import dev.coracle.workflows.chat.ChatResult;
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
    message.put("content", result.content());
    message.put("refusal", null);
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
