package dev.coracle.worker.visibility;

import static dev.coracle.worker.visibility.Executions.closed;
import static dev.coracle.worker.visibility.Executions.running;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowListingTest {
  private final ThinListingService testService = new ThinListingService();
  private final WorkflowListing listing = new WorkflowListing(new ExecutionCatalog(testService));

  @Test
  void pages_walk_every_match_once_even_when_a_workflow_starts_between_pages() {
    testService.add(running("job-1", "JobWorkflow", "2025-03-01T10:00:00Z"));
    testService.add(running("job-2", "JobWorkflow", "2025-03-01T10:01:00Z"));
    testService.add(running("job-3", "JobWorkflow", "2025-03-01T10:02:00Z"));

    ListWorkflowExecutionsResponse first = list("", 2, ByteString.EMPTY);
    testService.add(running("job-4", "JobWorkflow", "2025-03-01T10:03:00Z"));
    ListWorkflowExecutionsResponse second = list("", 2, first.getNextPageToken());

    assertThat(ids(first)).containsExactly("job-3", "job-2");
    assertThat(ids(second)).containsExactly("job-1");
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void the_page_sent_is_filled_in_with_close_time_and_task_queue() {
    testService.add(
        closed(
            "job-1",
            "JobWorkflow",
            WORKFLOW_EXECUTION_STATUS_COMPLETED,
            "2025-03-01T10:00:00Z",
            "2025-03-01T10:05:00Z"));

    WorkflowExecutionInfo sent = list("", 0, ByteString.EMPTY).getExecutions(0);

    assertThat(sent.hasCloseTime()).isTrue();
    assertThat(sent.getTaskQueue()).isEqualTo("coracle");
  }

  @Test
  void close_time_filters_read_the_described_execution() {
    testService.add(running("job-1", "JobWorkflow", "2025-03-01T10:00:00Z"));
    testService.add(
        closed(
            "job-2",
            "JobWorkflow",
            WORKFLOW_EXECUTION_STATUS_COMPLETED,
            "2025-03-01T10:00:00Z",
            "2025-03-01T10:05:00Z"));

    assertThat(ids(list("CloseTime > '2025-03-01T10:04:00Z'", 0, ByteString.EMPTY)))
        .containsExactly("job-2");
    assertThat(count("CloseTime > '2025-03-01T10:04:00Z'")).isEqualTo(1);
  }

  @Test
  void count_counts_what_the_same_query_lists() {
    testService.add(running("job-1", "JobWorkflow", "2025-03-01T10:00:00Z"));
    testService.add(running("chat-1", "ChatWorkflow", "2025-03-01T10:00:00Z"));

    assertThat(count("")).isEqualTo(2);
    assertThat(count("WorkflowType = 'ChatWorkflow'")).isEqualTo(1);
  }

  @Test
  void a_missing_namespace_is_refused() {
    assertThatThrownBy(
            () -> listing.list(ListWorkflowExecutionsRequest.newBuilder().setQuery("").build()))
        .hasMessageContaining("Namespace not set");
  }

  private ListWorkflowExecutionsResponse list(String query, int pageSize, ByteString token) {
    return listing.list(
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace("default")
            .setQuery(query)
            .setPageSize(pageSize)
            .setNextPageToken(token)
            .build());
  }

  private long count(String query) {
    return listing
        .count(
            CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace("default")
                .setQuery(query)
                .build())
        .getCount();
  }

  private static List<String> ids(ListWorkflowExecutionsResponse response) {
    return response.getExecutionsList().stream()
        .map(info -> info.getExecution().getWorkflowId())
        .toList();
  }

  /** Lists thin executions and describes full ones, as Temporal's test server does. */
  private static final class ThinListingService extends WorkflowServiceImplBase {
    private final List<WorkflowExecutionInfo> executions = new ArrayList<>();

    void add(WorkflowExecutionInfo info) {
      executions.add(info);
    }

    private List<WorkflowExecutionInfo> thin(boolean open) {
      return executions.stream()
          .filter(
              e ->
                  (e.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
                      == open)
          .map(e -> e.toBuilder().clearCloseTime().clearTaskQueue().build())
          .toList();
    }

    @Override
    public void listOpenWorkflowExecutions(
        ListOpenWorkflowExecutionsRequest request,
        StreamObserver<ListOpenWorkflowExecutionsResponse> observer) {
      observer.onNext(
          ListOpenWorkflowExecutionsResponse.newBuilder().addAllExecutions(thin(true)).build());
      observer.onCompleted();
    }

    @Override
    public void listClosedWorkflowExecutions(
        ListClosedWorkflowExecutionsRequest request,
        StreamObserver<ListClosedWorkflowExecutionsResponse> observer) {
      observer.onNext(
          ListClosedWorkflowExecutionsResponse.newBuilder().addAllExecutions(thin(false)).build());
      observer.onCompleted();
    }

    @Override
    public void describeWorkflowExecution(
        DescribeWorkflowExecutionRequest request,
        StreamObserver<DescribeWorkflowExecutionResponse> observer) {
      WorkflowExecutionInfo full =
          executions.stream()
              .filter(e -> e.getExecution().equals(request.getExecution()))
              .findFirst()
              .orElseThrow();
      observer.onNext(
          DescribeWorkflowExecutionResponse.newBuilder().setWorkflowExecutionInfo(full).build());
      observer.onCompleted();
    }
  }
}
