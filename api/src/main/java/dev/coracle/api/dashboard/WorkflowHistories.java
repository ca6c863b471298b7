package dev.coracle.api.dashboard;

import com.google.protobuf.ByteString;
import dev.coracle.activities.config.CoracleConfig.TemporalConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.worker.TemporalConnection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's way to Temporal's own record: the recent workflows of a type and the history of
 * one. With the embedded server, both go through the same service the {@code temporal} CLI talks
 * to, so the list covers every generation (the live server, those still draining, and the bounded
 * index of closed ones), and the history of a run on a closed generation is a NOT_FOUND that says
 * so.
 */
@Singleton
class WorkflowHistories {
  /** A history larger than this many events is cut, so one page stays small. */
  static final int MAX_EVENTS = 2_000;

  private final TemporalConnection temporal;
  private final TemporalConfig config;

  WorkflowHistories(TemporalConnection temporal, LoadedConfig loaded) {
    this.temporal = temporal;
    this.config = loaded.config().temporal();
  }

  /** A workflow's events, or why there are none to show. */
  record History(String workflowId, List<HistoryEvent> events, boolean cut, String missing) {
    boolean held() {
      return missing == null;
    }
  }

  /** The newest workflows of {@code workflowType}, newest first. */
  List<WorkflowExecutionInfo> recent(String workflowType, int limit) {
    WorkflowClient client = temporal.client();
    return stubs(client)
        .blockingStub()
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                // No ORDER BY: not every cluster's visibility store takes one, and both the
                // embedded server and Temporal's own stores list the newest start first.
                .setQuery("WorkflowType = '" + workflowType + "'")
                .setPageSize(limit)
                .build())
        .getExecutionsList();
  }

  /** How many workflows of {@code workflowType} are running now. */
  long running(String workflowType) {
    WorkflowClient client = temporal.client();
    return stubs(client)
        .blockingStub()
        .countWorkflowExecutions(
            CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setQuery("WorkflowType = '" + workflowType + "' AND ExecutionStatus = 'Running'")
                .build())
        .getCount();
  }

  /**
   * The whole history of the newest run of {@code workflowId}, up to {@link #MAX_EVENTS}: from the
   * current server, or from an older one still open (a recycled server keeps its finished chats
   * until it closes).
   */
  History history(String workflowId) {
    StatusRuntimeException notFound = null;
    for (WorkflowClient client : clientsFor(workflowId)) {
      try {
        return read(client, workflowId);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
        // The current server's answer comes first: it explains a run of a closed server.
        notFound = notFound == null ? e : notFound;
      }
    }
    return new History(workflowId, List.of(), false, notHeld(workflowId, notFound));
  }

  private History read(WorkflowClient client, String workflowId) {
    List<HistoryEvent> events = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse response =
          stubs(client)
              .blockingStub()
              .getWorkflowExecutionHistory(
                  request(client, workflowId)
                      .setNextPageToken(page)
                      .setHistoryEventFilterType(
                          HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
                      .build());
      events.addAll(response.getHistory().getEventsList());
      page = response.getNextPageToken();
    } while (!page.isEmpty() && events.size() < MAX_EVENTS);
    boolean cut = events.size() > MAX_EVENTS;
    return new History(workflowId, cut ? events.subList(0, MAX_EVENTS) : events, cut, null);
  }

  /** Where to look: the server running the workflow first, then every other one still open. */
  private List<WorkflowClient> clientsFor(String workflowId) {
    List<WorkflowClient> clients = new ArrayList<>();
    clients.add(temporal.clientFor(workflowId));
    for (WorkflowClient client : temporal.clients()) {
      if (!clients.contains(client)) {
        clients.add(client);
      }
    }
    return clients;
  }

  /** The event that closed the newest run, when it is closed and still held. */
  Optional<HistoryEvent> closeEvent(String workflowId) {
    for (WorkflowClient client : clientsFor(workflowId)) {
      try {
        List<HistoryEvent> events =
            stubs(client)
                .blockingStub()
                .getWorkflowExecutionHistory(
                    request(client, workflowId)
                        .setHistoryEventFilterType(
                            HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
                        .build())
                .getHistory()
                .getEventsList();
        // A server that ignores the filter sends the first page of everything; its last event is
        // the close event only when the run has closed, which the caller checks by its type.
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
    return Optional.empty();
  }

  /** The cluster web UI's page of the workflow, when {@code temporal.ui-url} is set. */
  Optional<String> uiLink(String workflowId) {
    String base = config.uiUrl();
    // Only a web address becomes a link: any other scheme in a page's href could run script.
    if (config.embedded()
        || base == null
        || !(base.startsWith("http://") || base.startsWith("https://"))) {
      return Optional.empty();
    }
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return Optional.of(
        trimmed + "/namespaces/" + encode(config.namespace()) + "/workflows/" + encode(workflowId));
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static GetWorkflowExecutionHistoryRequest.Builder request(
      WorkflowClient client, String workflowId) {
    return GetWorkflowExecutionHistoryRequest.newBuilder()
        .setNamespace(client.getOptions().getNamespace())
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build());
  }

  private static WorkflowServiceStubs stubs(WorkflowClient client) {
    return client.getWorkflowServiceStubs();
  }

  private String notHeld(String workflowId, StatusRuntimeException e) {
    String description = e == null ? null : e.getStatus().getDescription();
    if (temporal.isEmbedded() && description != null && description.contains("generation")) {
      return "This history is no longer held: " + description;
    }
    return temporal.isEmbedded()
        ? "This history is no longer held: workflow "
            + workflowId
            + " is not on the embedded Temporal server, which keeps histories in memory only"
            + " (they are gone after a restart or once its generation is closed)."
        : "Temporal has no workflow " + workflowId + " in namespace " + config.namespace() + ".";
  }
}
