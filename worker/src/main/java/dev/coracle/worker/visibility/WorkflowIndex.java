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
   *
   * <p>This is the one time a server's runs are copied: while a server is current or being retired
   * the list reads it live, so nothing is copied before it closes (and on a clean stop).
   */
  public void keep(
      WorkflowServiceImplBase testService, String namespace, int generation, Instant closedAt) {
    WorkflowIndexStore target = store;
    if (target == null || capacity <= 0) {
      return;
    }
    List<HeldRun> runs = HeldRuns.of(testService).runs(namespace);
    if (runs.size() > capacity) {
      runs = runs.stream().sorted(HeldRun::newestFirst).limit(capacity).toList();
    }
    List<IndexedWorkflow> rows = new ArrayList<>(runs.size());
    for (HeldRun run : runs) {
      rows.add(row(run, generation, closedAt));
    }
    target.record(rows, capacity);
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

  private static IndexedWorkflow row(HeldRun run, int generation, Instant closedAt) {
    boolean open = run.status() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE;
    return new IndexedWorkflow(
        null,
        run.workflowId(),
        run.runId(),
        run.workflowType(),
        run.taskQueue(),
        open ? WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED_VALUE : run.status(),
        run.startTime(),
        open ? closedAt.toEpochMilli() : run.closeTime(),
        run.historyLength(),
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
