package dev.coracle.api.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.coracle.activities.json.CoracleJson;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The recent chat requests: the {@code ChatWorkflow}s Temporal lists (across the embedded server's
 * generations), each with its model calls from the audit log, and, while its history is held, what
 * its result says (class, cache hit, time spent on the model).
 */
@Singleton
class RecentRequests {
  static final String CHAT_WORKFLOW = "ChatWorkflow";

  private final WorkflowHistories histories;
  private final DashboardQueries queries;

  RecentRequests(WorkflowHistories histories, DashboardQueries queries) {
    this.histories = histories;
    this.queries = queries;
  }

  /**
   * One request as the list shows it.
   *
   * @param cache {@code hit}, {@code miss}, or null when unknown (the history is gone)
   * @param overheadMillis the workflow's time not spent waiting on a model, or -1 when unknown
   */
  record RequestRow(
      String workflowId,
      long startedAt,
      String status,
      String requestClass,
      String target,
      String cache,
      long overheadMillis,
      long promptTokens,
      long completionTokens,
      long modelMillis,
      int calls) {}

  List<RequestRow> recent(int limit) {
    List<WorkflowExecutionInfo> executions = histories.recent(CHAT_WORKFLOW, limit);
    var calls =
        queries.callsOf(executions.stream().map(e -> e.getExecution().getWorkflowId()).toList());
    return executions.stream()
        .map(e -> row(e, calls.getOrDefault(e.getExecution().getWorkflowId(), List.of())))
        .toList();
  }

  private RequestRow row(WorkflowExecutionInfo execution, List<DashboardQueries.Call> calls) {
    String id = execution.getExecution().getWorkflowId();
    long started = millis(execution.getStartTime());
    long closed = execution.hasCloseTime() ? millis(execution.getCloseTime()) : 0;
    String status =
        execution
            .getStatus()
            .name()
            .replaceFirst("^WORKFLOW_EXECUTION_STATUS_", "")
            .toLowerCase(Locale.ROOT);
    long prompt = calls.stream().mapToLong(DashboardQueries.Call::promptTokens).sum();
    long completion = calls.stream().mapToLong(DashboardQueries.Call::completionTokens).sum();
    long modelMillis = calls.stream().mapToLong(DashboardQueries.Call::modelMillis).sum();
    String requestClass = calls.isEmpty() ? null : calls.get(0).requestClass();
    String target =
        calls.isEmpty()
            ? null
            : calls.get(calls.size() - 1).provider() + "/" + calls.get(calls.size() - 1).model();
    String cache = null;
    long overhead = -1;
    Optional<JsonNode> result = closed > 0 ? result(id) : Optional.empty();
    if (result.isPresent()) {
      JsonNode r = result.get();
      cache = r.path("cacheHit").asBoolean() ? "hit" : "miss";
      modelMillis = r.path("modelMillis").asLong(modelMillis);
      overhead = Math.max(0, closed - started - modelMillis);
      String answeredClass = r.path("classification").path("requestClass").asText("");
      requestClass =
          answeredClass.isEmpty() ? requestClass : answeredClass.toLowerCase(Locale.ROOT);
      if (r.hasNonNull("provider") && r.hasNonNull("model")) {
        target = r.path("provider").asText() + "/" + r.path("model").asText();
      }
      if (calls.isEmpty()) {
        prompt = r.path("usage").path("promptTokens").asLong();
        completion = r.path("usage").path("completionTokens").asLong();
      }
    }
    return new RequestRow(
        id,
        started,
        status,
        requestClass,
        target,
        cache,
        overhead,
        prompt,
        completion,
        modelMillis,
        calls.size());
  }

  private Optional<JsonNode> result(String workflowId) {
    Optional<HistoryEvent> close = histories.closeEvent(workflowId);
    if (close.isEmpty()
        || close.get().getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
      return Optional.empty();
    }
    var payloads = close.get().getWorkflowExecutionCompletedEventAttributes().getResult();
    if (payloads.getPayloadsCount() == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          CoracleJson.mapper().readTree(PayloadPreview.json(payloads.getPayloads(0))));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long millis(Timestamp time) {
    return time.getSeconds() * 1000 + time.getNanos() / 1_000_000;
  }
}
