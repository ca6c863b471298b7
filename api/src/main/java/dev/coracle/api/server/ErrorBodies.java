package dev.coracle.api.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.api.mcp.JsonRpcErrors;
import dev.coracle.api.openai.OpenAiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.util.Map;

/**
 * The body of an error the framework raises (no route, wrong method, body too large, an unexpected
 * exception) in the shape of the door the request came to: a JSON-RPC error on {@code /mcp},
 * OpenAI's error object everywhere else.
 */
public final class ErrorBodies {
  /** Keeps null fields: OpenAI clients expect all four keys of an error. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorBodies() {}

  public static boolean isMcp(@Nullable String path) {
    return path != null && (path.equals("/mcp") || path.startsWith("/mcp/"));
  }

  public static String of(HttpRequest<?> request, int status, String message) {
    if (isMcp(request.getPath())) {
      return JsonRpcErrors.body(JsonRpcErrors.codeFor(status), message);
    }
    return write(OpenAiError.forStatus(status, message).toBody());
  }

  private static String write(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error body is always serializable", e);
    }
  }
}
