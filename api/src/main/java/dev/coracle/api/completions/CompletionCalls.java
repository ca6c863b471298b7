package dev.coracle.api.completions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.chat.ChatCall;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.api.openai.RequestText;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.TextCompletion;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link CompletionRequest} and turns it into the internal {@link ChatCall}: the prompt
 * and suffix travel as they are in {@link SamplingParams#completion()}, and the messages restate
 * them as a chat for upstreams without a completion API.
 */
final class CompletionCalls {
  /** OpenAI's default for {@code max_tokens} on this endpoint; without it a model may run long. */
  static final int DEFAULT_MAX_TOKENS = 16;

  private static final int MAX_STOP_SEQUENCES = 4;

  private CompletionCalls() {}

  /**
   * A checked request.
   *
   * @param model the name the client sent, echoed in every response
   */
  record Checked(
      String model,
      ChatCall call,
      TextCompletion completion,
      boolean stream,
      boolean includeUsage,
      boolean echo) {}

  static Checked check(CompletionRequest request) {
    String model = model(request.model());
    // Cleaned like every door's free text: control characters out, lone surrogates replaced.
    String suffix = request.suffix() == null ? null : RequestText.clean(request.suffix());
    TextCompletion completion =
        new TextCompletion(RequestText.clean(prompt(request.prompt())), suffix);
    if (completion.prompt().isEmpty() && !completion.fillInTheMiddle()) {
      throw OpenAiException.invalidValue("prompt", "prompt must not be empty");
    }
    refuseUnsupported(request);
    SamplingParams params =
        new SamplingParams(
            maxTokens(request.maxTokens()),
            range("temperature", request.temperature(), 2),
            range("top_p", request.topP(), 1),
            stop(request.stop()),
            request.seed(),
            null,
            completion);
    ChatCall call = new ChatCall(model, CompletionPrompts.messages(completion), params, null, null);
    return new Checked(
        model, call, completion, request.streamed(), request.includeUsage(), request.echoed());
  }

  private static String model(JsonNode model) {
    if (model == null || model.isNull()) {
      throw OpenAiException.invalid("model", "model is required");
    }
    if (!model.isTextual() || model.asText().isBlank()) {
      throw OpenAiException.invalid("model", "model must be a non-empty string");
    }
    return model.asText();
  }

  /** A string, or an array of exactly one string; token arrays and batches are refused. */
  private static String prompt(JsonNode prompt) {
    if (prompt == null || prompt.isNull()) {
      throw OpenAiException.invalid("prompt", "prompt is required");
    }
    if (prompt.isTextual()) {
      return prompt.asText();
    }
    if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
      return prompt.get(0).asText();
    }
    throw OpenAiException.invalid(
        "prompt",
        "prompt must be a string or an array of one string; token arrays and several prompts"
            + " in one request are not supported");
  }

  private static void refuseUnsupported(CompletionRequest request) {
    if (request.n() != null && request.n() != 1) {
      throw unsupported("n", "n other than 1 is not supported; send one request per completion");
    }
    if (request.bestOf() != null && request.bestOf() != 1) {
      throw unsupported("best_of", "best_of other than 1 is not supported");
    }
    if (request.logprobs() != null && !request.logprobs().isNull()) {
      throw unsupported("logprobs", "logprobs is not supported");
    }
  }

  private static OpenAiException unsupported(String param, String message) {
    return new OpenAiException(
        400, "invalid_request_error", param, "unsupported_parameter", message);
  }

  private static int maxTokens(Integer maxTokens) {
    if (maxTokens == null) {
      return DEFAULT_MAX_TOKENS;
    }
    if (maxTokens < 1) {
      throw OpenAiException.invalidValue("max_tokens", "max_tokens must be at least 1");
    }
    return maxTokens;
  }

  private static Double range(String param, Double value, double max) {
    if (value != null && (value < 0 || value > max)) {
      throw OpenAiException.invalidValue(param, param + " must be between 0 and " + (int) max);
    }
    return value;
  }

  private static List<String> stop(JsonNode stop) {
    if (stop == null || stop.isNull()) {
      return List.of();
    }
    if (stop.isTextual()) {
      return List.of(stop.asText());
    }
    if (!stop.isArray() || stop.size() > MAX_STOP_SEQUENCES) {
      throw OpenAiException.invalid("stop", "stop must be a string or an array of up to 4 strings");
    }
    List<String> sequences = new ArrayList<>();
    for (JsonNode sequence : stop) {
      if (!sequence.isTextual()) {
        throw OpenAiException.invalid("stop", "stop must hold strings only");
      }
      sequences.add(sequence.asText());
    }
    return List.copyOf(sequences);
  }
}
