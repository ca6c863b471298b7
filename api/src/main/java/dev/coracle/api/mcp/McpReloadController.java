package dev.coracle.api.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.activities.mcp.McpConfigException;
import dev.coracle.activities.mcp.McpServerStatus;
import dev.coracle.activities.mcp.McpServers;
import dev.coracle.api.openai.OpenAiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /api/mcp/reload}: read mcp.yml now and say how each server answers. */
@Controller("/api/mcp")
public class McpReloadController {
  private static final ObjectMapper JSON = CoracleJson.mapper();

  private final McpServers servers;

  public McpReloadController(McpServers servers) {
    this.servers = servers;
  }

  @Post("/reload")
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> reload() throws JsonProcessingException {
    List<McpServerStatus> statuses;
    try {
      statuses = servers.reload();
    } catch (McpConfigException e) {
      throw OpenAiException.invalid("mcp.yml", e.getMessage());
    }
    List<Map<String, Object>> views = statuses.stream().map(McpReloadController::view).toList();
    return HttpResponse.ok(JSON.writeValueAsString(Map.of("servers", views)))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static Map<String, Object> view(McpServerStatus status) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", status.name());
    view.put("transport", status.transport());
    view.put("status", status.ok() ? "ok" : "failed");
    view.put("tools", status.tools());
    if (!status.ok()) {
      view.put("error", status.error());
    }
    return view;
  }
}
