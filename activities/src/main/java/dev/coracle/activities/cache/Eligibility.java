package dev.coracle.activities.cache;

import dev.coracle.activities.config.CoracleConfig.CacheConfig;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.RequestClass;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which requests the cache may serve and which answers it may keep; each "no" has a reason. */
final class Eligibility {

  static final String BYPASS = "bypassed: the client sent Cache-Control: no-cache";
  static final String DISABLED = "the cache is disabled";

  private Eligibility() {}

  /** Why the cache must not answer {@code request}, or empty when it may look. */
  static Optional<String> lookupSkipReason(ChatRequest request, CacheConfig config) {
    if (!config.enabled()) {
      return Optional.of(DISABLED);
    }
    if (request.bypassCache()) {
      return Optional.of(BYPASS);
    }
    return requestSkipReason(request, config);
  }

  /**
   * Why {@code result} must not be remembered for {@code request}, or empty when it may. A request
   * that bypassed the lookup may still be remembered: {@code no-cache} asks for a fresh answer, and
   * that fresh answer replaces the stale one.
   */
  static Optional<String> storeSkipReason(
      ChatRequest request, ChatResult result, CacheConfig config) {
    if (!config.enabled()) {
      return Optional.of(DISABLED);
    }
    return requestSkipReason(request, config).or(() -> resultSkipReason(result));
  }

  private static Optional<String> requestSkipReason(ChatRequest request, CacheConfig config) {
    if (request.model() == null || request.model().isBlank()) {
      return Optional.of("the request names no model");
    }
    if (request.agentMode()) {
      return Optional.of("the request has tools");
    }
    if (request.params() != null && request.params().textCompletion()) {
      // A near-duplicate prefix (one renamed variable) would be served the wrong completion.
      return Optional.of("text completions are not cached");
    }
    Double temperature = request.params() == null ? null : request.params().temperature();
    if (temperature != null && temperature > config.maxTemperature()) {
      return Optional.of(
          String.format(
              Locale.ROOT, "temperature %s above %s", temperature, config.maxTemperature()));
    }
    List<ChatMessage> messages = request.messages();
    if (messages == null || messages.isEmpty()) {
      return Optional.of("the request has no messages");
    }
    ChatMessage last = messages.get(messages.size() - 1);
    if (!"user".equals(last.role())) {
      return Optional.of("the last turn is not a user message");
    }
    if (last.content() == null || last.content().isBlank()) {
      return Optional.of("the last user turn is empty");
    }
    return Optional.empty();
  }

  private static Optional<String> resultSkipReason(ChatResult result) {
    if (result == null) {
      return Optional.of("no answer");
    }
    if (result.cacheHit()) {
      return Optional.of("the answer came from the cache");
    }
    if (!result.toolCallsOrEmpty().isEmpty()) {
      return Optional.of("the answer has tool calls");
    }
    if (!"stop".equals(result.finishReason())) {
      return Optional.of("the answer ended with " + result.finishReason());
    }
    if (result.content() == null || result.content().isBlank()) {
      return Optional.of("the answer is empty");
    }
    if (result.classification() != null
        && result.classification().requestClass() == RequestClass.STATUS) {
      // Status answers describe the moment they were asked.
      return Optional.of("status answers change");
    }
    return Optional.empty();
  }
}
