package dev.coracle.api.mcp;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /mcp}: MCP over streamable HTTP, stateless. A client that opens the optional GET stream or
 * ends a session with DELETE is told there is none, which the specification allows.
 */
@Controller("/mcp")
public class McpController {
  private final CoracleMcpServer server;

  public McpController(CoracleMcpServer server) {
    this.server = server;
  }

  @Post
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> post(@Nullable @Body String body) {
    Optional<String> answer;
    try {
      answer = server.handle(body == null ? "" : body);
    } catch (IOException | IllegalArgumentException e) {
      return HttpResponse.<String>badRequest()
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(
              "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                  + "\"message\":\"Invalid message format\"}}");
    }
    return answer
        .map(json -> HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE))
        .orElseGet(() -> HttpResponse.status(HttpStatus.ACCEPTED));
  }

  @Get
  public HttpResponse<String> stream() {
    return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED);
  }

  @Delete
  public HttpResponse<String> endSession() {
    return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED);
  }
}
