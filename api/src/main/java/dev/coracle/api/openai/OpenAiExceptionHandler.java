package dev.coracle.api.openai;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Writes an {@link OpenAiException} as the OpenAI error body with its status. */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class OpenAiExceptionHandler
    implements ExceptionHandler<OpenAiException, HttpResponse<String>> {

  @Override
  public HttpResponse<String> handle(HttpRequest request, OpenAiException exception) {
    return HttpResponse.<String>status(HttpStatus.valueOf(exception.status()))
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(Json.write(exception.toError().toBody()));
  }
}
