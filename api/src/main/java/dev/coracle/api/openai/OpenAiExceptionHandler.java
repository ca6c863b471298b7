package dev.coracle.api.openai;

import dev.coracle.api.anthropic.AnthropicError;
import dev.coracle.api.chat.RetryAfter;
import dev.coracle.api.server.ErrorShape;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Writes an {@link OpenAiException} as the OpenAI error body with its status, or on Anthropic's
 * door ({@code /v1/messages}) as Anthropic's error with Anthropic's status; an answer worth
 * retrying later also says when, in {@code Retry-After}.
 */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class OpenAiExceptionHandler
    implements ExceptionHandler<OpenAiException, HttpResponse<String>> {

  private final RetryAfter retryAfter;

  public OpenAiExceptionHandler(RetryAfter retryAfter) {
    this.retryAfter = retryAfter;
  }

  @Override
  public HttpResponse<String> handle(HttpRequest request, OpenAiException exception) {
    boolean anthropic = ErrorShape.of(request.getPath()) == ErrorShape.ANTHROPIC;
    int status = anthropic ? AnthropicError.status(exception.status()) : exception.status();
    String body =
        anthropic
            ? AnthropicError.of(exception).toJson()
            : Json.write(exception.toError().toBody());
    MutableHttpResponse<String> response =
        HttpResponse.<String>status(status, reason(status))
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .body(body);
    if (exception.worthRetryingLater()) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.seconds()));
    }
    return response;
  }

  /** The reason phrase; Anthropic's 529 is not a standard status, so it has none of its own. */
  private static String reason(int status) {
    return status == AnthropicError.OVERLOADED
        ? "Overloaded"
        : HttpStatus.valueOf(status).getReason();
  }
}
