package dev.coracle.api.mcp;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
    Optional<McpMessageCheck.Refusal> refusal = McpMessageCheck.check(body == null ? "" : body);
    if (refusal.isPresent()) {
      return HttpResponse.<String>status(HttpStatus.valueOf(refusal.get().status()))
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(refusal.get().body());
    }
    Optional<String> answer;
    try {
      answer = server.handle(body == null ? "" : body);
    } catch (IOException | IllegalArgumentException e) {
      return HttpResponse.<String>badRequest()
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(JsonRpcErrors.body(JsonRpcErrors.INVALID_REQUEST, "Invalid message format"));
    }
    return answer
        .map(json -> HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE))
        .orElseGet(() -> HttpResponse.status(HttpStatus.ACCEPTED));
  }

  @Get
  public HttpResponse<String> stream() {
    return noSession("This server is stateless: it has no event stream to open with GET");
  }

  @Delete
  public HttpResponse<String> endSession() {
    return noSession("This server is stateless: it has no session to end with DELETE");
  }

  private static HttpResponse<String> noSession(String message) {
    return HttpResponse.<String>status(HttpStatus.METHOD_NOT_ALLOWED)
        .header(HttpHeaders.ALLOW, "POST")
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(JsonRpcErrors.body(JsonRpcErrors.INVALID_REQUEST, message));
  }
}
