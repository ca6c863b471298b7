package dev.coracle.api.server;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.worker.TemporalConnection;
import dev.coracle.worker.WorkerHost;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;

/**
 * {@code coracle worker}: polls the shared queues and this host's LLM slot and tools, with no HTTP
 * port. Its health is Temporal's view of its pollers ({@code temporal task-queue describe}) and its
 * exit status.
 */
public final class WorkerRole implements AutoCloseable {
  private static final Duration DRAIN = Duration.ofSeconds(8);

  private final LoadedConfig loaded;
  private final TemporalConnection temporal;
  private final ApplicationContext context;
  private final WorkerHost host;

  private WorkerRole(
      LoadedConfig loaded,
      TemporalConnection temporal,
      ApplicationContext context,
      WorkerHost host) {
    this.loaded = loaded;
    this.temporal = temporal;
    this.context = context;
    this.host = host;
  }

  public static WorkerRole start(LoadedConfig loaded) {
    return RoleRequirements.connected(
        loaded,
        "worker",
        (temporal, context) -> {
          WorkerHost host = WorkerActivities.host(loaded, temporal);
          temporal.startWorker(WorkerActivities.from(context, host));
          // A first worker of its host takes the slot at once; the summary then says so truly.
          host.lease().awaitHeld(Duration.ofSeconds(1));
          return new WorkerRole(loaded, temporal, context, host);
        });
  }

  public LoadedConfig loaded() {
    return loaded;
  }

  public ApplicationContext context() {
    return context;
  }

  public TemporalConnection temporal() {
    return temporal;
  }

  public WorkerHost host() {
    return host;
  }

  /** Drains running activities (the slot's last), then gives the slot to a standby of this host. */
  @Override
  public void close() {
    temporal.stopWorker(DRAIN);
    context.close();
    temporal.close();
  }
}
