package dev.coracle.worker;

import io.temporal.worker.WorkerOptions;

/** Worker options per task queue, in one place. The LLM slot's concurrency of one lives here. */
final class WorkerTuning {
  /** The single LLM slot: one local-model activity at a time on this machine. */
  static final int LLM_SLOT_CONCURRENCY = 1;

  /** Cloud calls mostly wait on the network; quotas, not threads, are the real bound. */
  static final int CLOUD_CONCURRENCY = 16;

  /** Tool calls (files, shell, git, web) run a few at a time. */
  static final int TOOLS_CONCURRENCY = 4;

  /**
   * Pollers per activity queue, instead of the SDK's five. A poller only hands a task to an
   * execution slot, so two keep a single user's queues drained; each idle poller is a thread that
   * holds its stack and a long poll open to the server for the life of the process.
   */
  static final int ACTIVITY_POLLERS = 2;

  private WorkerTuning() {}

  /**
   * The main queue: workflow tasks and the light local activities. Enough pollers and slots for
   * every request in flight, so a chat never waits for a workflow task behind other chats.
   */
  static WorkerOptions main() {
    return WorkerOptions.newBuilder()
        .setMaxConcurrentWorkflowTaskPollers(8)
        .setMaxConcurrentWorkflowTaskExecutionSize(256)
        .setMaxConcurrentLocalActivityExecutionSize(256)
        .setMaxConcurrentActivityExecutionSize(32)
        .setMaxConcurrentActivityTaskPollers(ACTIVITY_POLLERS)
        .build();
  }

  static WorkerOptions llmSlot() {
    return WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(LLM_SLOT_CONCURRENCY)
        .setMaxConcurrentActivityTaskPollers(1)
        .build();
  }

  static WorkerOptions cloud() {
    return WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(CLOUD_CONCURRENCY)
        .setMaxConcurrentActivityTaskPollers(ACTIVITY_POLLERS)
        .build();
  }

  static WorkerOptions tools() {
    return WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(TOOLS_CONCURRENCY)
        .setMaxConcurrentActivityTaskPollers(ACTIVITY_POLLERS)
        .build();
  }
}
