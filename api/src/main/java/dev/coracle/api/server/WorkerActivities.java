package dev.coracle.api.server;

import dev.coracle.activities.answer.AnswerActivitiesImpl;
import dev.coracle.activities.cache.CacheActivitiesImpl;
import dev.coracle.activities.classify.ClassifyActivitiesImpl;
import dev.coracle.activities.classify.ClassifyVoteActivitiesImpl;
import dev.coracle.activities.config.CoracleConfig.WorkerConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.job.JobStoreActivitiesImpl;
import dev.coracle.activities.mcp.McpChatActivitiesImpl;
import dev.coracle.activities.model.ModelActivitiesImpl;
import dev.coracle.activities.plan.PlanActivitiesImpl;
import dev.coracle.activities.route.RouteActivitiesImpl;
import dev.coracle.activities.status.StatusActivitiesImpl;
import dev.coracle.activities.tools.ToolActivitiesImpl;
import dev.coracle.activities.workspace.WorkspaceActivitiesImpl;
import dev.coracle.worker.CoracleWorker;
import dev.coracle.worker.SlotLease;
import dev.coracle.worker.TemporalConnection;
import dev.coracle.worker.WorkerHost;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;

/**
 * What a worker process runs, taken from its application context: the same for serve and worker.
 */
final class WorkerActivities {
  private WorkerActivities() {}

  static CoracleWorker.Activities from(ApplicationContext context, WorkerHost host) {
    return new CoracleWorker.Activities(
        context.getBean(ClassifyActivitiesImpl.class),
        context.getBean(RouteActivitiesImpl.class),
        context.getBean(StatusActivitiesImpl.class),
        context.getBean(CacheActivitiesImpl.class),
        context.getBean(ClassifyVoteActivitiesImpl.class),
        context.getBean(ModelActivitiesImpl.class),
        context.getBean(JobStoreActivitiesImpl.class),
        context.getBean(PlanActivitiesImpl.class),
        context.getBean(WorkspaceActivitiesImpl.class),
        context.getBean(ToolActivitiesImpl.class),
        context.getBean(McpChatActivitiesImpl.class),
        context.getBean(AnswerActivitiesImpl.class),
        host);
  }

  /**
   * This process's host. On the embedded server nobody else can poll its queues, so the LLM slot
   * needs no lease; on an external cluster other workers of the same host id may, and the lease
   * decides which one polls the slot.
   */
  static WorkerHost host(LoadedConfig loaded, TemporalConnection temporal) {
    WorkerConfig worker =
        loaded.config().worker() == null ? WorkerConfig.DEFAULTS : loaded.config().worker();
    String hostId = worker.resolvedHostId();
    if (temporal.isEmbedded()) {
      return new WorkerHost(hostId, null);
    }
    // In the home by default, where no other user can take the lock file from under the slot.
    String dir = worker.slotLockDir();
    Path lockDir = dir == null || dir.isBlank() ? loaded.home().resolve("locks") : Path.of(dir);
    return new WorkerHost(hostId, SlotLease.forHost(lockDir, hostId));
  }
}
