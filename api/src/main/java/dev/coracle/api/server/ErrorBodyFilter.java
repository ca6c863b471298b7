package dev.coracle.api.server;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The last resort for error answers that left without a body, such as the 401 of the framework's
 * management endpoints or a controller's bare 405: they get one in the door's shape ({@link
 * ErrorBodies}), so a client can always parse an error. Outermost, so it sees every answer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ErrorBodyFilter implements Ordered {

  @ResponseFilter
  public void fillEmptyError(HttpRequest<?> request, MutableHttpResponse<?> response) {
    int status = response.code();
    if (status < 400 || request.getMethod() == HttpMethod.HEAD || response.getBody().isPresent()) {
      return;
    }
    String message =
        status >= 500
            ? "coracle hit an internal error; the server log has the details"
            : "HTTP " + status + " for " + request.getMethod() + " " + request.getPath();
    @SuppressWarnings("unchecked")
    MutableHttpResponse<Object> writable = (MutableHttpResponse<Object>) response;
    writable
        .status(ErrorBodies.status(request, status))
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(ErrorBodies.of(request, status, message));
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }
}
