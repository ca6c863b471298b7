package dev.coracle.activities.cache;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.coracle.workflows.chat.Usage;
import java.util.List;

/** Variations of a request or an answer, one field changed. */
final class Requests {

  private Requests() {}

  static ChatRequest withTools(ChatRequest r) {
    AgentTools tools =
        new AgentTools(
            List.of(new ToolDefinition("read_file", "Reads a file", "{\"type\":\"object\"}", null)),
            null,
            null);
    return new ChatRequest(r.model(), r.messages(), r.params(), r.streamKey(), tools, false);
  }

  static ChatRequest withTemperature(ChatRequest r, double temperature) {
    SamplingParams p = r.params();
    return withParams(
        r,
        new SamplingParams(
            p.maxTokens(), temperature, p.topP(), p.stop(), p.seed(), p.responseFormat()));
  }

  static ChatRequest withMaxTokens(ChatRequest r, int maxTokens) {
    SamplingParams p = r.params();
    return withParams(
        r,
        new SamplingParams(
            maxTokens, p.temperature(), p.topP(), p.stop(), p.seed(), p.responseFormat()));
  }

  static ChatRequest withParams(ChatRequest r, SamplingParams params) {
    return new ChatRequest(
        r.model(), r.messages(), params, r.streamKey(), r.tools(), r.bypassCache());
  }

  static ChatRequest bypassing(ChatRequest r) {
    return new ChatRequest(r.model(), r.messages(), r.params(), r.streamKey(), r.tools(), true);
  }

  static ChatResult fromCache(ChatResult r) {
    return new ChatResult(
        r.classification(),
        r.provider(),
        r.model(),
        r.content(),
        r.finishReason(),
        r.usage(),
        0,
        List.of(),
        null,
        true);
  }

  static ChatResult withToolCall(ChatResult r) {
    return new ChatResult(
        r.classification(),
        r.provider(),
        r.model(),
        r.content(),
        "stop",
        r.usage(),
        r.modelMillis(),
        r.fallbacks(),
        List.of(new ToolCall("call_1", "read_file", "{\"path\":\"a.py\"}")),
        false);
  }

  static ChatResult status(String content) {
    return new ChatResult(
        Classification.forced(RequestClass.STATUS, "model profile coracle-status"),
        "coracle",
        "status",
        content,
        "stop",
        Usage.NONE,
        0,
        List.of());
  }

  static ChatResult withFinish(ChatResult r, String finishReason) {
    return new ChatResult(
        r.classification(),
        r.provider(),
        r.model(),
        r.content(),
        finishReason,
        r.usage(),
        r.modelMillis(),
        r.fallbacks(),
        r.toolCalls(),
        r.cacheHit());
  }

  static ChatResult withContent(ChatResult r, String content) {
    return new ChatResult(
        r.classification(),
        r.provider(),
        r.model(),
        content,
        r.finishReason(),
        r.usage(),
        r.modelMillis(),
        r.fallbacks(),
        r.toolCalls(),
        r.cacheHit());
  }
}
