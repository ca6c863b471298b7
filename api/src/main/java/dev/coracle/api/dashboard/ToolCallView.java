package dev.coracle.api.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool call a job's coder made, read from the job's Temporal history: the {@code RunTool}
 * activity's input (the call) and result (the output, or its start when the whole is an artifact).
 *
 * @param arguments the call's JSON arguments, as the model wrote them
 * @param output the output, or null while the call runs
 * @param artifactId the artifact holding the whole output, or null
 */
record ToolCallView(
    int step,
    String name,
    JsonNode arguments,
    String output,
    boolean error,
    List<String> changedFiles,
    String artifactId) {

  private static final String RUN_TOOL = "RunTool";

  /** The tool calls of a history, in the order they were made. */
  static List<ToolCallView> from(List<HistoryEvent> events) {
    Map<Long, JsonNode> invocations = new HashMap<>();
    Map<Long, ToolCallView> calls = new LinkedHashMap<>();
    for (HistoryEvent event : events) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        var scheduled = event.getActivityTaskScheduledEventAttributes();
        if (RUN_TOOL.equals(scheduled.getActivityType().getName())
            && scheduled.getInput().getPayloadsCount() > 0) {
          JsonNode invocation = parse(PayloadPreview.json(scheduled.getInput().getPayloads(0)));
          invocations.put(event.getEventId(), invocation);
          calls.put(event.getEventId(), pending(invocation));
        }
      } else if (event.hasActivityTaskCompletedEventAttributes()) {
        var completed = event.getActivityTaskCompletedEventAttributes();
        JsonNode invocation = invocations.get(completed.getScheduledEventId());
        if (invocation != null && completed.getResult().getPayloadsCount() > 0) {
          JsonNode result = parse(PayloadPreview.json(completed.getResult().getPayloads(0)));
          calls.put(completed.getScheduledEventId(), finished(invocation, result));
        }
      }
    }
    return new ArrayList<>(calls.values());
  }

  private static ToolCallView pending(JsonNode invocation) {
    JsonNode call = invocation.path("call");
    return new ToolCallView(
        invocation.path("step").asInt(),
        call.path("name").asText(),
        parse(call.path("arguments").asText("{}")),
        null,
        false,
        List.of(),
        null);
  }

  private static ToolCallView finished(JsonNode invocation, JsonNode result) {
    ToolCallView call = pending(invocation);
    List<String> changed = new ArrayList<>();
    result.path("changedFiles").forEach(file -> changed.add(file.asText()));
    return new ToolCallView(
        call.step(),
        call.name(),
        call.arguments(),
        result.path("output").asText(""),
        result.path("error").asBoolean(),
        changed,
        result.path("artifactId").isTextual() ? result.path("artifactId").asText() : null);
  }

  private static JsonNode parse(String json) {
    try {
      return CoracleJson.mapper().readTree(json);
    } catch (IOException e) {
      // A model may write arguments that are not JSON; they are shown as the text they are.
      return CoracleJson.mapper().getNodeFactory().textNode(json);
    }
  }
}
