package dev.coracle.worker.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.coracle.worker.EmbeddedTemporal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.DescribeTaskQueueMode;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.NamespaceState;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueResponse;
import io.temporal.api.workflowservice.v1.GetSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded server as the {@code temporal} CLI sees it: workflows run on a worker over the
 * in-process channel, and every assertion goes through a separate client on the TCP port, making
 * the same gRPC calls the CLI makes.
 */
class EmbeddedVisibilityIT {
  private static final String QUEUE = "visibility-it";
  private static final String NAMESPACE = "default";

  private static EmbeddedTemporal server;
  private static WorkflowServiceStubs inProcess;
  private static WorkflowClient client;
  private static WorkerFactory workers;
  private static WorkflowServiceStubs tcp;

  @BeforeAll
  static void run_one_workflow_of_each_kind() throws InterruptedException {
    server = EmbeddedTemporal.start("127.0.0.1", 0);
    inProcess =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setChannel(server.channel()).build());
    client = WorkflowClient.newInstance(inProcess);
    workers = WorkerFactory.newInstance(client);
    workers
        .newWorker(QUEUE)
        .registerWorkflowImplementationTypes(
            ProbeWorkflows.FinishingImpl.class,
            ProbeWorkflows.WaitingImpl.class,
            ProbeWorkflows.FailingImpl.class);
    workers.start();

    // Started one after another, each settled before the next, so start times are strictly
    // increasing: finished-1, waiting-1, failed-1, finished-2.
    client.newWorkflowStub(ProbeWorkflows.Finishing.class, options("finished-1")).run();
    pause();
    WorkflowClient.start(
        client.newWorkflowStub(ProbeWorkflows.Waiting.class, options("waiting-1"))::run);
    pause();
    try {
      client.newWorkflowStub(ProbeWorkflows.Failing.class, options("failed-1")).run();
    } catch (WorkflowFailedException expected) {
      // The point of this one.
    }
    pause();
    client.newWorkflowStub(ProbeWorkflows.Finishing.class, options("finished-2")).run();

    tcp =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + server.port())
                .build());
  }

  @AfterAll
  static void stop() {
    if (tcp != null) {
      tcp.shutdownNow();
    }
    if (workers != null) {
      workers.shutdownNow();
    }
    if (inProcess != null) {
      inProcess.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void status_and_type_together_find_exactly_the_running_workflow() {
    assertThat(ids("ExecutionStatus='Running' AND WorkflowType='ProbeWaiting'"))
        .containsExactly("waiting-1");
  }

  @Test
  void or_finds_either_kind() {
    assertThat(ids("WorkflowType='ProbeFailing' OR ExecutionStatus='Completed'"))
        .containsExactly("finished-2", "failed-1", "finished-1");
  }

  @Test
  void start_time_comparisons_split_at_a_workflows_start() {
    String waitingStart = startTime("waiting-1").toString();

    assertThat(ids("StartTime > '" + waitingStart + "'")).containsExactly("finished-2", "failed-1");
    assertThat(ids("StartTime <= '" + waitingStart + "'"))
        .containsExactly("waiting-1", "finished-1");
  }

  @Test
  void close_time_filters_leave_out_the_running_workflow() {
    assertThat(ids("CloseTime >= '2000-01-01T00:00:00Z'"))
        .containsExactly("finished-2", "failed-1", "finished-1");
  }

  @Test
  void order_by_start_time_asc_lists_oldest_first() {
    assertThat(ids("ORDER BY StartTime ASC"))
        .containsExactly("finished-1", "waiting-1", "failed-1", "finished-2");
    assertThat(ids("")).containsExactly("finished-2", "failed-1", "waiting-1", "finished-1");
  }

  @Test
  void page_size_one_walks_every_workflow_once() {
    List<String> walked = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    int pages = 0;
    do {
      ListWorkflowExecutionsResponse page =
          stub(tcp)
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(NAMESPACE)
                      .setQuery("ORDER BY StartTime ASC")
                      .setPageSize(1)
                      .setNextPageToken(token)
                      .build());
      assertThat(page.getExecutionsCount()).isEqualTo(1);
      page.getExecutionsList().forEach(e -> walked.add(e.getExecution().getWorkflowId()));
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty() && pages < 10);

    assertThat(walked).containsExactly("finished-1", "waiting-1", "failed-1", "finished-2");
  }

  @Test
  void listed_workflows_carry_what_describe_would_show() {
    var finished = list("WorkflowId='finished-1'").getExecutionsList().get(0);

    assertThat(finished.getTaskQueue()).isEqualTo(QUEUE);
    assertThat(finished.hasCloseTime()).isTrue();
    assertThat(finished.getType().getName()).isEqualTo("ProbeFinishing");
  }

  @Test
  void count_counts_with_the_same_filter() {
    assertThat(count("")).isEqualTo(4);
    assertThat(count("ExecutionStatus='Completed'")).isEqualTo(2);
    assertThat(count("ExecutionStatus IN ('Failed', 'Running')")).isEqualTo(2);
  }

  @Test
  void an_unsupported_query_is_invalid_argument_naming_the_field() {
    assertThatThrownBy(() -> ids("BuildIds = 'x'"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("'BuildIds' is not supported");
            });
    assertThatThrownBy(() -> count("WorkflowType = "))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void the_in_process_channel_answers_the_same() {
    String query = "ExecutionStatus != 'Running' ORDER BY StartTime ASC";
    assertThat(ids(inProcess, query)).isEqualTo(ids(tcp, query));
  }

  @Test
  void search_attributes_list_the_filterable_system_fields() {
    var keys =
        stub(tcp).getSearchAttributes(GetSearchAttributesRequest.getDefaultInstance()).getKeysMap();

    assertThat(keys)
        .containsEntry("WorkflowType", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .containsEntry("WorkflowId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .containsEntry("ExecutionStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .containsEntry("StartTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME)
        .containsEntry("CloseTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
  }

  @Test
  void namespaces_list_the_default_namespace_as_registered() {
    var namespaces =
        stub(tcp).listNamespaces(ListNamespacesRequest.getDefaultInstance()).getNamespacesList();

    assertThat(namespaces)
        .anySatisfy(
            ns -> {
              assertThat(ns.getNamespaceInfo().getName()).isEqualTo(NAMESPACE);
              assertThat(ns.getNamespaceInfo().getState())
                  .isEqualTo(NamespaceState.NAMESPACE_STATE_REGISTERED);
            });
  }

  @Test
  void task_queue_describe_shows_the_worker_polling_it() {
    String identity = client.getOptions().getIdentity();
    DescribeTaskQueueRequest.Builder request =
        DescribeTaskQueueRequest.newBuilder()
            .setNamespace(NAMESPACE)
            .setTaskQueue(TaskQueue.newBuilder().setName(QUEUE));

    DescribeTaskQueueResponse legacy = stub(tcp).describeTaskQueue(request.build());
    DescribeTaskQueueResponse enhanced =
        stub(tcp)
            .describeTaskQueue(
                request
                    .setApiMode(DescribeTaskQueueMode.DESCRIBE_TASK_QUEUE_MODE_ENHANCED)
                    .addTaskQueueTypes(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                    .setReportPollers(true)
                    .build());

    assertThat(legacy.getPollersList()).extracting(PollerInfo::getIdentity).contains(identity);
    assertThat(
            enhanced
                .getVersionsInfoOrThrow("")
                .getTypesInfoOrThrow(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW_VALUE)
                .getPollersList())
        .extracting(PollerInfo::getIdentity)
        .contains(identity);
  }

  @Test
  void query_and_history_still_work_over_tcp() {
    WorkflowClient overTcp = WorkflowClient.newInstance(tcp);

    assertThat(overTcp.newUntypedWorkflowStub("waiting-1").query("state", String.class))
        .isEqualTo("waiting");
    var events =
        stub(tcp)
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId("finished-1"))
                    .build())
            .getHistory()
            .getEventsList();
    assertThat(events.get(events.size() - 1).getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(QUEUE).build();
  }

  /** Keeps start times of consecutive workflows apart at the test server's millisecond clock. */
  private static void pause() throws InterruptedException {
    Thread.sleep(20);
  }

  private static WorkflowServiceBlockingStub stub(WorkflowServiceStubs stubs) {
    return stubs.blockingStub();
  }

  private static ListWorkflowExecutionsResponse list(String query) {
    return stub(tcp)
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(NAMESPACE)
                .setQuery(query)
                .build());
  }

  private static List<String> ids(String query) {
    return ids(tcp, query);
  }

  private static List<String> ids(WorkflowServiceStubs stubs, String query) {
    return stub(stubs)
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(NAMESPACE)
                .setQuery(query)
                .build())
        .getExecutionsList()
        .stream()
        .map(e -> e.getExecution().getWorkflowId())
        .toList();
  }

  private static long count(String query) {
    return stub(tcp)
        .countWorkflowExecutions(
            CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace(NAMESPACE)
                .setQuery(query)
                .build())
        .getCount();
  }

  private static Instant startTime(String workflowId) {
    var info = list("WorkflowId='" + workflowId + "'").getExecutions(0);
    return ProtoTime.toInstant(info.getStartTime());
  }
}
