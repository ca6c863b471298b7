package dev.coracle.api.server;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;

/**
 * A body whose {@code Content-Encoding} (gzip, deflate) it does not have is the client's mistake:
 * 400 in the door's shape, where the framework would answer 500.
 */
@Singleton
public class DecompressionExceptionHandler
    implements ExceptionHandler<DecompressionException, HttpResponse<String>> {

  @Override
  public HttpResponse<String> handle(HttpRequest request, DecompressionException exception) {
    return HttpResponse.<String>status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(
            ErrorBodies.of(
                request, 400, "The body is not encoded the way its Content-Encoding header says"));
  }
}
