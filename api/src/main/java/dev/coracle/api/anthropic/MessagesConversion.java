package dev.coracle.api.anthropic;

import dev.coracle.api.chat.ChatCall;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Messages request into coracle's internal {@link ChatCall}. Each problem is a 400 that
 * names the offending field, as Anthropic's are; what coracle cannot do (images, server tools) is
 * either refused clearly or, for server tools, dropped and reported to the caller.
 */
final class MessagesConversion {

  /**
   * The internal call, and the server tools left out of it.
   *
   * @param droppedTools server tools (no {@code input_schema}) the model is not offered
   */
  record Converted(ChatCall call, List<ToolSpec> droppedTools) {}

  private MessagesConversion() {}

  /**
   * Converts a request to {@code /v1/messages}, where {@code max_tokens} is required, or to {@code
   * /v1/messages/count_tokens}, where it is not.
   */
  static Converted toChatCall(MessagesRequest request, boolean maxTokensRequired) {
    String model = request.model();
    if (model == null || model.isBlank()) {
      throw OpenAiException.invalid("model", "model: Field required");
    }
    if (maxTokensRequired && request.maxTokens() == null) {
      throw OpenAiException.invalid("max_tokens", "max_tokens: Field required");
    }
    if (request.maxTokens() != null && request.maxTokens() < 1) {
      throw OpenAiException.invalid("max_tokens", "max_tokens: must be at least 1");
    }
    List<ChatMessage> messages = new ArrayList<>();
    String system = ContentText.systemText(request.system(), "system");
    if (!system.isEmpty()) {
      messages.add(new ChatMessage("system", system));
    }
    messages.addAll(Turns.toChatMessages(request.messages()));
    MessageTools.Offered tools = MessageTools.offered(request.tools(), request.toolChoice());
    // Cached only when as safe as a chat completion: no tools at all, not even dropped ones.
    boolean cacheable = tools.agentTools() == null && tools.dropped().isEmpty();
    ChatCall call =
        new ChatCall(
            model, List.copyOf(messages), params(request), tools.agentTools(), null, cacheable);
    return new Converted(call, tools.dropped());
  }

  private static SamplingParams params(MessagesRequest request) {
    checkRange("temperature", request.temperature(), 0, 1);
    checkRange("top_p", request.topP(), 0, 1);
    if (request.topK() != null && request.topK() < 0) {
      throw OpenAiException.invalid("top_k", "top_k: must be at least 0");
    }
    List<String> stops = request.stopSequences() == null ? List.of() : request.stopSequences();
    for (int i = 0; i < stops.size(); i++) {
      if (stops.get(i) == null) {
        throw OpenAiException.invalid(
            "stop_sequences", "stop_sequences." + i + ": Input should be a valid string");
      }
    }
    return new SamplingParams(
        request.maxTokens(),
        request.temperature(),
        request.topP(),
        List.copyOf(stops),
        null,
        OutputFormat.responseFormat(request.outputConfig()));
  }

  private static void checkRange(String field, Double value, double min, double max) {
    if (value != null && (value < min || value > max)) {
      throw OpenAiException.invalid(
          field, field + ": must be between " + min + " and " + max + " (got " + value + ")");
    }
  }
}
