package dev.coracle.api.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiException;

/**
 * An error in Anthropic's shape, {@code {"type":"error","error":{"type","message"}}}, with
 * Anthropic's status codes. Every error on {@code /v1/messages*} is built here: the door's own
 * refusals (raised as {@link OpenAiException}s, the one error type coracle's request handling
 * throws), the framework's errors and the front door's refusals.
 */
public record AnthropicError(String type, String message) {

  /** The status Anthropic sends when no model can take the request now. */
  public static final int OVERLOADED = 529;

  /** The full error body. */
  public record Body(String type, AnthropicError error) {
    Body(AnthropicError error) {
      this("error", error);
    }
  }

  /**
   * The status Anthropic would answer where coracle answers {@code status}: a 503 (no model can
   * take the request now) is Anthropic's 529, and server errors other than that are its 500.
   */
  public static int status(int status) {
    if (status == 503) {
      return OVERLOADED;
    }
    return status > 500 ? 500 : status;
  }

  /** The error type Anthropic names for a status it answers with. */
  public static AnthropicError forStatus(int anthropicStatus, String message) {
    String type =
        switch (anthropicStatus) {
          case 401 -> "authentication_error";
          case 403 -> "permission_error";
          case 404 -> "not_found_error";
          case 413 -> "request_too_large";
          case 429 -> "rate_limit_error";
          case OVERLOADED -> "overloaded_error";
          default -> anthropicStatus >= 500 ? "api_error" : "invalid_request_error";
        };
    return new AnthropicError(type, message);
  }

  /**
   * The Anthropic error for a refusal raised in OpenAI's terms; its parameter leads the message.
   */
  public static AnthropicError of(OpenAiException exception) {
    String param = exception.toError().param();
    String message =
        param == null || exception.getMessage().contains(param)
            ? exception.getMessage()
            : param + ": " + exception.getMessage();
    return forStatus(status(exception.status()), message);
  }

  /** This error as the JSON text of a response body. */
  public String toJson() {
    try {
      return CoracleJson.mapper().writeValueAsString(new Body(this));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error body is always serializable", e);
    }
  }
}
