package dev.coracle.api.openai.chat;

import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.SamplingParams;

/**
 * Turns a {@link ChatCompletionRequest} into the internal request, checking values the way OpenAI
 * does: each problem is a 400 that names the offending parameter. JSON types were already checked
 * when the record was read.
 */
final class ChatCompletionConversion {
  private ChatCompletionConversion() {}

  static ParsedCompletion toParsed(ChatCompletionRequest request) {
    String model = requireModel(request.model());
    var messages = MessageConversion.messages(request.messages());
    var tools = ToolConversion.agentTools(request);
    if (request.n() != null && request.n() != 1) {
      throw OpenAiException.invalidValue("n", "Only n=1 is supported");
    }
    boolean includeUsage =
        request.streamOptions() != null
            && Boolean.TRUE.equals(request.streamOptions().includeUsage());
    return new ParsedCompletion(
        model,
        messages,
        params(request),
        Boolean.TRUE.equals(request.stream()),
        includeUsage,
        tools,
        McpServerConversion.servers(request.tools()));
  }

  private static SamplingParams params(ChatCompletionRequest request) {
    Integer maxTokens =
        request.maxCompletionTokens() != null
            ? atLeastOne("max_completion_tokens", request.maxCompletionTokens())
            : atLeastOne("max_tokens", request.maxTokens());
    return new SamplingParams(
        maxTokens,
        between("temperature", request.temperature(), 0, 2),
        between("top_p", request.topP(), 0, 1),
        request.stop() == null ? java.util.List.of() : request.stop(),
        request.seed(),
        ResponseFormatConversion.toJson(request.responseFormat()));
  }

  private static String requireModel(String model) {
    if (model == null) {
      throw OpenAiException.invalid("model", "Missing required parameter: 'model'");
    }
    if (model.isBlank()) {
      throw OpenAiException.invalid("model", "'model' must be a non-empty string");
    }
    return model;
  }

  private static Integer atLeastOne(String field, Integer value) {
    if (value != null && value < 1) {
      throw OpenAiException.invalidValue(
          field, "'" + field + "' must be at least 1 (got " + value + ")");
    }
    return value;
  }

  private static Double between(String field, Double value, double min, double max) {
    if (value != null && !(value >= min && value <= max)) {
      throw OpenAiException.invalidValue(
          field, "'" + field + "' must be between " + min + " and " + max + " (got " + value + ")");
    }
    return value;
  }
}
