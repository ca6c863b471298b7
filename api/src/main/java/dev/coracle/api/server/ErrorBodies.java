package dev.coracle.api.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.anthropic.AnthropicError;
import dev.coracle.api.mcp.JsonRpcErrors;
import dev.coracle.api.openai.OpenAiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.util.Map;

/**
 * The body of an error the framework raises (no route, wrong method, body too large, an unexpected
 * exception) in the shape of the door the request came to ({@link ErrorShape}): a JSON-RPC error on
 * {@code /mcp}, Anthropic's on {@code /v1/messages}, OpenAI's error object everywhere else.
 */
public final class ErrorBodies {
  /** Keeps null fields: OpenAI clients expect all four keys of an error. */
  private static final ObjectMapper JSON = CoracleJson.mapper();

  private ErrorBodies() {}

  public static boolean isMcp(@Nullable String path) {
    return ErrorShape.of(path) == ErrorShape.JSON_RPC;
  }

  /**
   * The error body for a status; on Anthropic's door the status must also be the one {@link
   * #status} gives.
   */
  public static String of(HttpRequest<?> request, int status, String message) {
    return switch (ErrorShape.of(request.getPath())) {
      case JSON_RPC -> JsonRpcErrors.body(JsonRpcErrors.codeFor(status), message);
      case ANTHROPIC -> AnthropicError.forStatus(AnthropicError.status(status), message).toJson();
      case OPENAI -> write(OpenAiError.forStatus(status, message).toBody());
    };
  }

  /** The status to answer with on the request's door for an error of the given status. */
  public static int status(HttpRequest<?> request, int status) {
    return ErrorShape.of(request.getPath()) == ErrorShape.ANTHROPIC
        ? AnthropicError.status(status)
        : status;
  }

  private static String write(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error body is always serializable", e);
    }
  }
}
