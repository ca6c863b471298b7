package dev.coracle.worker;

import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.AnswerActivities;
import dev.coracle.workflows.chat.CacheActivities;
import dev.coracle.workflows.chat.ChatWorkflowImpl;
import dev.coracle.workflows.chat.ClassifyActivities;
import dev.coracle.workflows.chat.ClassifyVoteActivities;
import dev.coracle.workflows.chat.McpChatActivities;
import dev.coracle.workflows.chat.RouteActivities;
import dev.coracle.workflows.chat.StatusActivities;
import dev.coracle.workflows.job.JobStoreActivities;
import dev.coracle.workflows.job.JobWorkflowImpl;
import dev.coracle.workflows.job.PlanActivities;
import dev.coracle.workflows.job.ToolActivities;
import dev.coracle.workflows.job.WorkspaceActivities;
import dev.coracle.workflows.model.ModelActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls coracle's four task queues with the workflows and activities of this version. */
public final class CoracleWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CoracleWorker.class);

  private final WorkerFactory factory;

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
      AnswerActivities answers) {}

  /** A worker on the given client, which must be the one its workflows are started with. */
  public CoracleWorker(WorkflowClient client, Activities activities) {
    this.factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(
                    new WorkflowCounts(), new SlotQueueTracking(SlotQueue.INSTANCE))
                .validateAndBuildWithDefaults());
    Worker main = factory.newWorker(TaskQueues.MAIN, WorkerTuning.main());
    main.registerWorkflowImplementationTypes(ChatWorkflowImpl.class, JobWorkflowImpl.class);
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
    factory
        .newWorker(TaskQueues.LLM, WorkerTuning.llmSlot())
        .registerActivitiesImplementations(activities.models(), activities.vote());
    factory
        .newWorker(TaskQueues.CLOUD, WorkerTuning.cloud())
        .registerActivitiesImplementations(activities.models());
    factory
        .newWorker(TaskQueues.TOOLS, WorkerTuning.tools())
        .registerActivitiesImplementations(
            activities.workspaces(), activities.tools(), activities.mcpChat());
  }

  public void start() {
    factory.start();
  }

  /**
   * Stops polling and lets running activities finish, up to {@code grace}. Workflows that do not
   * finish are left to Temporal: their tasks are retried when a worker polls again.
   */
  public void shutdown(Duration grace) {
    factory.shutdown();
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
