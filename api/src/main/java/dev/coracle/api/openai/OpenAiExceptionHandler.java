package dev.coracle.api.openai;

import dev.coracle.api.chat.RetryAfter;
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
 * Writes an {@link OpenAiException} as the OpenAI error body with its status; an answer worth
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
    MutableHttpResponse<String> response =
        HttpResponse.<String>status(HttpStatus.valueOf(exception.status()))
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .body(Json.write(exception.toError().toBody()));
    if (exception.worthRetryingLater()) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.seconds()));
    }
    return response;
  }
}
