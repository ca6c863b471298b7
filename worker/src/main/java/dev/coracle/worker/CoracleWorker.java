package dev.coracle.worker;

import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.AnswerActivities;
import dev.coracle.workflows.chat.CacheActivities;
import dev.coracle.workflows.chat.ChatWorkflow;
import dev.coracle.workflows.chat.ChatWorkflowImpl;
import dev.coracle.workflows.chat.ClassifyActivities;
import dev.coracle.workflows.chat.ClassifyVoteActivities;
import dev.coracle.workflows.chat.McpChatActivities;
import dev.coracle.workflows.chat.RouteActivities;
import dev.coracle.workflows.chat.StatusActivities;
import dev.coracle.workflows.job.JobStoreActivities;
import dev.coracle.workflows.job.JobWorkflow;
import dev.coracle.workflows.job.JobWorkflowImpl;
import dev.coracle.workflows.job.PlanActivities;
import dev.coracle.workflows.job.ToolActivities;
import dev.coracle.workflows.job.WorkspaceActivities;
import dev.coracle.workflows.model.ModelActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls coracle's task queues with the workflows and activities of this version: the shared main,
 * cloud and tools queues, and this host's LLM slot and tools ({@code coracle-llm@<host-id>}, {@code
 * coracle-tools@<host-id>}).
 */
public final class CoracleWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CoracleWorker.class);

  private final WorkerFactory factory;

  /** The LLM slot's own factory when a lease decides which process of the host polls it. */
  private final WorkerFactory slotFactory;

  private final WorkerHost host;

  /** The activity implementations this worker runs. */
  public record Activities(
      ClassifyActivities classify,
      RouteActivities route,
      StatusActivities status,
      CacheActivities cache,
      ClassifyVoteActivities vote,
      ModelActivities models,
      JobStoreActivities jobStore,
      PlanActivities plans,
      WorkspaceActivities workspaces,
      ToolActivities tools,
      McpChatActivities mcpChat,
      AnswerActivities answers,
      WorkerHost host) {}

  /** A worker on the given client, which must be the one its workflows are started with. */
  public CoracleWorker(WorkflowClient client, Activities activities) {
    this(client, activities, TemporalInterceptors.NONE);
  }

  /**
   * A worker on the given client, which must be the one its workflows are started with, with {@code
   * interceptors}' worker interceptors after coracle's own.
   */
  public CoracleWorker(
      WorkflowClient client, Activities activities, TemporalInterceptors interceptors) {
    List<WorkerInterceptor> own =
        new ArrayList<>(List.of(new WorkflowCounts(), new SlotQueueTracking(SlotQueue.INSTANCE)));
    own.addAll(interceptors.worker());
    this.factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(own.toArray(new WorkerInterceptor[0]))
                .validateAndBuildWithDefaults());
    this.host = activities.host();
    String hostId = host.hostId();
    Worker main = factory.newWorker(TaskQueues.MAIN, WorkerTuning.main());
    // Each workflow learns the host of the worker that runs it, for the queues of that machine.
    main.registerWorkflowImplementationFactory(
        ChatWorkflow.class, () -> new ChatWorkflowImpl(hostId));
    main.registerWorkflowImplementationFactory(
        JobWorkflow.class, () -> new JobWorkflowImpl(hostId));
    // Classify, route, status, cache, the job store and plan parsing run as local activities.
    main.registerActivitiesImplementations(
        activities.classify(),
        activities.route(),
        activities.status(),
        activities.cache(),
        activities.jobStore(),
        activities.plans(),
        activities.answers(),
        // A chat's plain cloud call runs as a local activity of its workflow.
        activities.models());
    // Everything that runs a local model shares the single slot: answers and classification votes.
    // With a lease, only the process of this host that holds it polls the slot.
    this.slotFactory =
        host.lease() == null
            ? null
            : WorkerFactory.newInstance(
                client,
                WorkerFactoryOptions.newBuilder()
                    .setWorkerInterceptors(interceptors.worker().toArray(new WorkerInterceptor[0]))
                    .validateAndBuildWithDefaults());
    (slotFactory == null ? factory : slotFactory)
        .newWorker(TaskQueues.llmOf(hostId), WorkerTuning.llmSlot())
        .registerActivitiesImplementations(activities.models(), activities.vote());
    factory
        .newWorker(TaskQueues.CLOUD, WorkerTuning.cloud())
        .registerActivitiesImplementations(activities.models());
    // The shared tools queue serves chats' MCP tools; this host's serves its jobs.
    factory
        .newWorker(TaskQueues.TOOLS, WorkerTuning.tools())
        .registerActivitiesImplementations(
            activities.workspaces(), activities.tools(), activities.mcpChat());
    factory
        .newWorker(TaskQueues.toolsOf(hostId), WorkerTuning.tools())
        .registerActivitiesImplementations(
            activities.workspaces(), activities.tools(), activities.mcpChat(), host);
  }

  public void start() {
    factory.start();
    if (slotFactory != null) {
      host.lease().whenHeld(slotFactory::start);
    }
  }

  /** The host whose queues this worker polls. */
  public WorkerHost host() {
    return host;
  }

  /**
   * Stops polling and lets running activities finish, up to {@code grace}. Workflows that do not
   * finish are left to Temporal: their tasks are retried when a worker polls again.
   */
  public void shutdown(Duration grace) {
    if (slotFactory != null && !host.lease().held()) {
      host.lease().close(); // Standing by: stop waiting, so the slot never starts now.
    }
    if (slotFactory != null) {
      slotFactory.shutdown();
    }
    factory.shutdown();
    drain(factory, grace);
    if (slotFactory != null) {
      drain(slotFactory, grace);
      // Only once the slot's last generation is over may a standby of this host start another.
      host.lease().close();
    }
  }

  private static void drain(WorkerFactory factory, Duration grace) {
    factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      log.warn("worker did not drain within {}; stopping running tasks", grace);
      factory.shutdownNow();
      factory.awaitTermination(1, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }
}
