package dev.coracle.api.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.anthropic.AnthropicError;
import dev.coracle.api.mcp.JsonRpcErrors;
import dev.coracle.api.openai.OpenAiError;
import dev.coracle.api.server.ErrorShape;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * A {@link Refusal} in the error shape of the route it stopped: a JSON-RPC error on {@code /mcp},
 * so an MCP client reports it as one, Anthropic's on {@code /v1/messages}, so Claude Code reports
 * it as an authentication or permission error, and OpenAI's shape everywhere else, like every other
 * coracle error.
 */
final class DoorResponses {
  /** JSON-RPC's range for server-defined errors; -32001 is what MCP servers use for "no auth". */
  static final int JSON_RPC_FORBIDDEN = -32000;

  static final int JSON_RPC_UNAUTHORIZED = -32001;

  private static final ObjectMapper JSON = CoracleJson.mapper();

  private DoorResponses() {}

  static MutableHttpResponse<String> of(Refusal refusal, String path) {
    MutableHttpResponse<String> response =
        HttpResponse.<String>status(HttpStatus.valueOf(refusal.status()))
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .header("X-Content-Type-Options", "nosniff")
            .body(body(refusal, path));
    if (refusal.status() == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"coracle\"");
    }
    return response;
  }

  private static String body(Refusal refusal, String path) {
    return switch (ErrorShape.of(path)) {
      case JSON_RPC -> jsonRpc(refusal);
      case ANTHROPIC -> AnthropicError.forStatus(refusal.status(), refusal.message()).toJson();
      case OPENAI -> openAi(refusal);
    };
  }

  private static String openAi(Refusal refusal) {
    String type = refusal.status() == 401 ? "authentication_error" : "permission_error";
    try {
      return JSON.writeValueAsString(
          new OpenAiError(refusal.message(), type, null, refusal.code()).toBody());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a refusal is always serializable", e);
    }
  }

  private static String jsonRpc(Refusal refusal) {
    int code = refusal.status() == 401 ? JSON_RPC_UNAUTHORIZED : JSON_RPC_FORBIDDEN;
    return JsonRpcErrors.body(null, code, refusal.message(), refusal.code());
  }
}
