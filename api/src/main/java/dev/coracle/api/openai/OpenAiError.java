package dev.coracle.api.openai;

import java.util.LinkedHashMap;
import java.util.Map;

/** The body of an OpenAI-style error. Nulls are kept: clients expect all four keys. */
public record OpenAiError(String message, String type, String param, String code) {

  public Map<String, Object> toBody() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return Map.of("error", error);
  }

  /** The error that matches an HTTP status when nothing more specific is known. */
  public static OpenAiError forStatus(int status, String message) {
    return switch (status) {
      case 400 -> new OpenAiError(message, "invalid_request_error", null, null);
      case 401 -> new OpenAiError(message, "authentication_error", null, "unauthorized");
      case 404 -> new OpenAiError(message, "invalid_request_error", null, "not_found");
      case 405 -> new OpenAiError(message, "invalid_request_error", null, "method_not_allowed");
      case 413 -> new OpenAiError(message, "invalid_request_error", null, "request_too_large");
      case 415 -> new OpenAiError(message, "invalid_request_error", null, "unsupported_media_type");
      case 429 -> new OpenAiError(message, "rate_limit_error", null, "rate_limit_exceeded");
      case 503 -> new OpenAiError(message, "service_unavailable", null, null);
      default ->
          status >= 500
              ? new OpenAiError(message, "server_error", null, null)
              : new OpenAiError(message, "invalid_request_error", null, null);
    };
  }
}
