package dev.coracle.api.openai;

import dev.coracle.api.server.ErrorBodies;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the framework's own errors (unknown route, wrong method, body too large, unexpected
 * exceptions) the same shape as coracle's on the same door (OpenAI's, or JSON-RPC's on {@code
 * /mcp}), so a client parses every error the same way. Server errors never carry exception text to
 * the client; it goes to the log.
 */
@Singleton
@Primary
public class OpenAiErrorResponseProcessor implements ErrorResponseProcessor<String> {
  private static final Logger log = LoggerFactory.getLogger(OpenAiErrorResponseProcessor.class);

  @Override
  public MutableHttpResponse<String> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    int status = response.code();
    String message;
    if (status >= 500) {
      context
          .getRootCause()
          .ifPresent(
              cause ->
                  log.error(
                      "{} {} failed",
                      context.getRequest().getMethod(),
                      context.getRequest().getPath(),
                      cause));
      message = "coracle hit an internal error; the server log has the details";
    } else {
      message = describe(status, context);
    }
    return response
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(ErrorBodies.of(context.getRequest(), status, message));
  }

  private static String describe(int status, ErrorContext context) {
    String path = context.getRequest().getPath();
    return switch (status) {
      case 404 -> "No route for " + context.getRequest().getMethod() + " " + path;
      case 405 -> "Method " + context.getRequest().getMethod() + " is not allowed on " + path;
      case 413 -> "The request body is larger than this server accepts (server.max-request-bytes)";
      default ->
          context.getErrors().isEmpty()
              ? "The request could not be processed"
              : context.getErrors().get(0).getMessage();
    };
  }
}
