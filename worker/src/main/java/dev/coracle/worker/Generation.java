package dev.coracle.worker;

import com.uber.m3.tally.Scope;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One embedded server with the client and the worker coracle uses on it. */
final class Generation {
  /** The workflow type of a coding job, which is moved to the next server rather than drained. */
  static final String JOB_TYPE = "JobWorkflow";

  private final ServerGeneration server;
  private final String namespace;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final TemporalInterceptors interceptors;
  private volatile CoracleWorker worker;

  private Generation(
      ServerGeneration server, String namespace, Scope metrics, TemporalInterceptors interceptors) {
    this.server = server;
    this.namespace = namespace;
    this.interceptors = interceptors;
    this.stubs = InProcessStubs.on(server.channel(), metrics);
    this.client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(namespace)
                .setInterceptors(interceptors.clientArray())
                .build());
  }

  /**
   * @param metrics the scope the SDK reports to, shared by every generation
   * @param interceptors added to this generation's client and worker
   */
  static Generation open(
      ServerGeneration server, String namespace, Scope metrics, TemporalInterceptors interceptors) {
    return new Generation(server, namespace, metrics, interceptors);
  }

  int number() {
    return server.number();
  }

  ServerGeneration server() {
    return server;
  }

  WorkflowClient client() {
    return client;
  }

  /** Starts polling this server with a worker for the given activities. */
  void startWorker(CoracleWorker.Activities activities) {
    CoracleWorker started = new CoracleWorker(client, activities, interceptors);
    started.start();
    worker = started;
  }

  /** True when a run of this workflow id is open on this server. */
  boolean isOpen(String workflowId) {
    try {
      return stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (StatusRuntimeException e) {
      // NOT_FOUND, or a server that closed meanwhile: either way nothing runs here.
      return false;
    }
  }

  /** Every open workflow on this server. */
  List<WorkflowExecutionInfo> open() {
    return stubs
        .blockingStub()
        .listOpenWorkflowExecutions(
            ListOpenWorkflowExecutionsRequest.newBuilder()
                .setNamespace(namespace)
                .setMaximumPageSize(Integer.MAX_VALUE)
                .build())
        .getExecutionsList();
  }

  /** Stops the worker (running tasks get {@code drain}), then the client and the server. */
  void close(Duration drain) {
    stopWorker(drain);
    stubs.shutdown();
    stubs.awaitTermination(2, TimeUnit.SECONDS);
    stubs.shutdownNow();
    server.close();
  }

  /** Stops polling; running tasks get {@code drain} to finish. */
  void stopWorker(Duration drain) {
    CoracleWorker running = worker;
    worker = null;
    if (running != null) {
      running.shutdown(drain);
    }
  }
}
