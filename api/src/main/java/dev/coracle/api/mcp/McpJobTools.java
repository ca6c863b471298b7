package dev.coracle.api.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.activities.job.JobQueries;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.jobs.JobControlController;
import dev.coracle.api.jobs.JobsController;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.job.JobEvent;
import io.micronaut.http.HttpResponse;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * coracle's coding jobs as MCP tools. Each answers with the JSON the native jobs API returns, by
 * calling the same controllers, so the two surfaces cannot drift apart; a request the API would
 * refuse comes back as a tool error with the API's message.
 */
@Singleton
public class McpJobTools {
  private static final ObjectMapper JSON = CoracleJson.mapper();
  private static final String UNFINISHED = "queued,running,paused,waiting_approval";

  private final JobsController jobs;
  private final JobControlController control;
  private final JobQueries queries;

  public McpJobTools(JobsController jobs, JobControlController control, JobQueries queries) {
    this.jobs = jobs;
    this.control = control;
    this.queries = queries;
  }

  public List<SyncToolSpecification> specifications() {
    return List.of(
        tool(McpJobSchemas.SUBMIT_JOB, this::submit),
        tool(McpJobSchemas.GET_STATUS, this::status),
        tool(McpJobSchemas.LIST_JOBS, this::list),
        tool(McpJobSchemas.CANCEL_JOB, this::cancel),
        tool(McpJobSchemas.JOB_EVENTS, this::events),
        tool(McpJobSchemas.APPROVE_JOB, this::approve),
        tool(McpJobSchemas.REJECT_JOB, this::reject));
  }

  private String submit(Map<String, Object> args) {
    ObjectNode body = JSON.valueToTree(args);
    if (body.hasNonNull("prompt") && !body.has("messages")) {
      ArrayNode messages = body.putArray("messages");
      messages.addObject().put("role", "user").put("content", body.get("prompt").asText());
    }
    body.remove("prompt");
    return jobs.start(body.toString(), null, null).body();
  }

  private String status(Map<String, Object> args) {
    Object id = args.get("id");
    if (id == null) {
      return jobs.list(UNFINISHED, "100", null).body();
    }
    return jobs.show(id.toString()).body();
  }

  private String list(Map<String, Object> args) {
    return jobs.list(text(args, "status"), text(args, "limit"), text(args, "cursor")).body();
  }

  private String cancel(Map<String, Object> args) {
    String reason = text(args, "reason");
    String body = reason == null ? null : JSON.createObjectNode().put("reason", reason).toString();
    HttpResponse<String> response = control.cancel(required(args, "id"), body);
    return response.body();
  }

  private String approve(Map<String, Object> args) {
    Object plan = args.get("plan");
    String body = plan == null ? null : JSON.valueToTree(plan).toString();
    return control.approve(required(args, "id"), body).body();
  }

  private String reject(Map<String, Object> args) {
    String body = JSON.createObjectNode().put("reason", required(args, "reason")).toString();
    return control.reject(required(args, "id"), body).body();
  }

  private String events(Map<String, Object> args) throws Exception {
    String id = required(args, "id");
    if (queries.status(id).isEmpty()) {
      throw new IllegalArgumentException("there is no job " + id);
    }
    long after = Long.parseLong(text(args, "after_seq") == null ? "0" : text(args, "after_seq"));
    int limit = Integer.parseInt(text(args, "limit") == null ? "100" : text(args, "limit"));
    List<JobEvent> events = queries.eventsAfter(id, after, Math.max(1, Math.min(limit, 1000)));
    return JSON.writeValueAsString(Map.of("job_id", id, "events", events));
  }

  private static String text(Map<String, Object> args, String name) {
    Object value = args.get(name);
    return value == null ? null : value.toString();
  }

  private static String required(Map<String, Object> args, String name) {
    String value = text(args, name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + name + "' is required");
    }
    return value;
  }

  private static SyncToolSpecification tool(McpSchema.Tool tool, Call call) {
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (context, request) -> {
              Map<String, Object> args =
                  request.arguments() == null ? Map.of() : request.arguments();
              try {
                return result(call.apply(args), false);
              } catch (OpenAiException e) {
                // The API's error code leads, so a client can tell workspace_busy from the rest.
                String code = e.toError().code();
                return result(code == null ? e.getMessage() : code + ": " + e.getMessage(), true);
              } catch (Exception e) {
                return result(tool.name() + " failed: " + e.getMessage(), true);
              }
            })
        .build();
  }

  private static McpSchema.CallToolResult result(String text, boolean error) {
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(error).build();
  }

  /** One tool's work: its arguments in, JSON text out. */
  @FunctionalInterface
  private interface Call {
    String apply(Map<String, Object> args) throws Exception;
  }
}
