package dev.coracle.worker.visibility;

import dev.coracle.activities.temporal.IndexedWorkflow;
import dev.coracle.activities.temporal.WorkflowIndexStore;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The workflows of closed embedded servers, kept in the store's bounded {@code workflow_index}
 * table so the {@code temporal} CLI's list survives a recycle (and a restart). Until the store is
 * attached at start-up it holds nothing.
 */
public final class WorkflowIndex implements ArchivedExecutions {
  private volatile WorkflowIndexStore store;
  private volatile int capacity;
  private volatile Supplier<List<WorkflowServiceImplBase>> retiring = List::of;
  private volatile String namespace = VisibilityWorkflowService.EMBEDDED_NAMESPACE;

  /**
   * Also lists the workflows of servers that are being retired (replaced, still finishing their
   * chats), as their own lists give them, until they close and their entries are kept here.
   */
  public void showRetiring(Supplier<List<WorkflowServiceImplBase>> servers, String namespace) {
    this.namespace = namespace;
    this.retiring = servers;
  }

  /** Starts keeping and showing up to {@code capacity} runs (0 keeps none). */
  public void attach(WorkflowIndexStore store, int capacity) {
    this.capacity = capacity;
    this.store = store;
  }

  /**
   * Copies the newest runs of a server about to close into the index, complete with close time and
   * task queue, then trims the index to its capacity. A run still open is kept as terminated at
   * {@code closedAt}: its server is gone, and a coding job goes on in a new run.
   */
  public void keep(
      WorkflowServiceImplBase testService, String namespace, int generation, Instant closedAt) {
    WorkflowIndexStore target = store;
    if (target == null || capacity <= 0) {
      return;
    }
    ExecutionCatalog catalog = new ExecutionCatalog(testService);
    List<IndexedWorkflow> newest =
        catalog.summaries(namespace).stream()
            .sorted(Comparator.comparing(ExecutionKey::of, ExecutionKey.ORDER.reversed()))
            .limit(capacity)
            .map(summary -> catalog.complete(namespace, summary))
            .map(info -> row(info, generation, closedAt))
            .toList();
    target.record(newest, capacity);
  }

  @Override
  public List<WorkflowExecutionInfo> executions() {
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    for (WorkflowServiceImplBase server : retiring.get()) {
      all.addAll(new ExecutionCatalog(server).summaries(namespace));
    }
    WorkflowIndexStore source = store;
    if (source != null && capacity > 0) {
      source.newest(capacity).stream().map(WorkflowIndex::info).forEach(all::add);
    }
    return all;
  }

  @Override
  public OptionalInt generationOf(String workflowId, String runId) {
    WorkflowIndexStore source = store;
    if (source == null) {
      return OptionalInt.empty();
    }
    return source
        .run(workflowId, runId)
        .map(run -> OptionalInt.of(run.generation()))
        .orElse(OptionalInt.empty());
  }

  private static IndexedWorkflow row(WorkflowExecutionInfo info, int generation, Instant closedAt) {
    boolean open = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    return new IndexedWorkflow(
        null,
        info.getExecution().getWorkflowId(),
        info.getExecution().getRunId(),
        info.getType().getName(),
        info.getTaskQueue(),
        open
            ? WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED_VALUE
            : info.getStatusValue(),
        ProtoTime.toInstant(info.getStartTime()).toEpochMilli(),
        open
            ? closedAt.toEpochMilli()
            : info.hasCloseTime() ? ProtoTime.toInstant(info.getCloseTime()).toEpochMilli() : 0,
        info.getHistoryLength(),
        generation);
  }

  private static WorkflowExecutionInfo info(IndexedWorkflow row) {
    WorkflowExecutionInfo.Builder info =
        WorkflowExecutionInfo.newBuilder()
            .setExecution(
                WorkflowExecution.newBuilder()
                    .setWorkflowId(row.workflowId())
                    .setRunId(row.runId())
                    .build())
            .setType(WorkflowType.newBuilder().setName(row.workflowType()).build())
            .setTaskQueue(row.taskQueue())
            .setStatusValue(row.status())
            .setStartTime(ProtoTime.of(Instant.ofEpochMilli(row.startTime())))
            .setExecutionTime(ProtoTime.of(Instant.ofEpochMilli(row.startTime())))
            .setHistoryLength(row.historyLength());
    if (row.closeTime() > 0) {
      info.setCloseTime(ProtoTime.of(Instant.ofEpochMilli(row.closeTime())));
    }
    return info.build();
  }
}
