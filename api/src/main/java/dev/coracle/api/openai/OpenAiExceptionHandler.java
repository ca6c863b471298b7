package dev.coracle.api.openai;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;

/** Writes an {@link OpenAiException} as the OpenAI error body with its status. */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class OpenAiExceptionHandler
    implements ExceptionHandler<OpenAiException, HttpResponse<Map<String, Object>>> {

  @Override
  public HttpResponse<Map<String, Object>> handle(HttpRequest request, OpenAiException exception) {
    return HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(exception.status()))
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(exception.toError().toBody());
  }
}
