package dev.coracle.api.server;

import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.CoracleHome;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.job.JobQueries;
import dev.coracle.activities.job.JobStore;
import dev.coracle.activities.store.StoreLocation;
import dev.coracle.activities.temporal.WorkflowIndexStore;
import dev.coracle.activities.workspace.WorkspacePolicy;
import dev.coracle.api.metrics.MetricsSetup;
import dev.coracle.api.security.NetworkExposure;
import dev.coracle.api.tracing.TracingSetup;
import dev.coracle.worker.JobRecovery;
import dev.coracle.worker.PortInUseException;
import dev.coracle.worker.TemporalConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * One coracle process in the {@code serve} role: Temporal (embedded or external), the worker on all
 * four queues, the store and the HTTP API. Starts them in dependency order and stops them in
 * reverse, so no request is accepted before a worker polls and none is cut off by shutdown.
 */
public final class CoracleServer implements AutoCloseable {
  private static final Duration DRAIN = Duration.ofSeconds(8);

  private final LoadedConfig loaded;
  private final TemporalConnection temporal;
  private final ApplicationContext context;
  private final EmbeddedServer http;
  private final WarmUp warmUp;

  private CoracleServer(
      LoadedConfig loaded,
      TemporalConnection temporal,
      ApplicationContext context,
      EmbeddedServer http,
      WarmUp warmUp) {
    this.loaded = loaded;
    this.temporal = temporal;
    this.context = context;
    this.http = http;
    this.warmUp = warmUp;
  }

  public static CoracleServer start(LoadedConfig loaded) {
    NetworkExposure.check(loaded.config().server());
    CoracleHome.ensureWritable(loaded.home());
    CoracleConfig config = loaded.config();
    PortInUseException.requireFree(config.server().host(), config.server().port());
    String temporalHost = NetworkExposure.temporalHost(config.server());
    if (config.temporal().embedded()) {
      PortInUseException.requireFree(temporalHost, config.temporal().embeddedPort());
    }
    MetricsSetup metrics = MetricsSetup.from(config);
    TracingSetup tracing = TracingSetup.from(config);
    TemporalConnection temporal =
        TemporalConnection.open(
            config.temporal(),
            temporalHost,
            metrics.temporalScope(),
            tracing.temporalInterceptors());
    ApplicationContext context = null;
    boolean polling = false;
    try {
      context = context(loaded, temporal, metrics, tracing);
      temporal.startWorker(WorkerActivities.from(context, WorkerActivities.host(loaded, temporal)));
      polling = true;
      JobRecovery recovery = recovery(temporal, context);
      resumeUnfinishedJobs(temporal, context, recovery);
      startRecycling(temporal, context, recovery, config);
      EmbeddedServer http = context.getBean(EmbeddedServer.class);
      startHttp(http, config);
      WarmUp warmUp = WarmUp.start(context);
      return new CoracleServer(loaded, temporal, context, http, warmUp);
    } catch (RuntimeException e) {
      if (polling) {
        temporal.stopWorker(Duration.ofSeconds(1));
      }
      if (context != null) {
        context.close();
      }
      temporal.close();
      throw e;
    }
  }

  /**
   * With the embedded server, Temporal forgot everything when coracle stopped: the store's
   * unfinished jobs start again from their checkpoints. An external cluster resumes its workflows
   * by itself.
   */
  private static void resumeUnfinishedJobs(
      TemporalConnection temporal, ApplicationContext context, JobRecovery recovery) {
    if (!temporal.isEmbedded()) {
      return;
    }
    int resumed = recovery.resume(context.getBean(JobQueries.class).unfinished());
    if (resumed > 0) {
      LoggerFactory.getLogger(CoracleServer.class)
          .info("resumed {} unfinished coding job(s) from the store", resumed);
    }
  }

  private static JobRecovery recovery(TemporalConnection temporal, ApplicationContext context) {
    return new JobRecovery(
        temporal::client,
        context.getBean(WorkspacePolicy.class),
        context.getBean(JobStore.class),
        context.getBean(Clock.class));
  }

  /**
   * The embedded server keeps every workflow it ran: it is replaced by a fresh one when it holds
   * too much, and its running jobs move across from the store, as in crash recovery.
   */
  private static void startRecycling(
      TemporalConnection temporal,
      ApplicationContext context,
      JobRecovery recovery,
      CoracleConfig config) {
    JobQueries queries = context.getBean(JobQueries.class);
    temporal.startRecycling(
        context.getBean(WorkflowIndexStore.class),
        recovery,
        jobId -> queries.unfinished().stream().filter(r -> r.jobId().equals(jobId)).findFirst(),
        Duration.ofSeconds(config.chat().workflowTimeoutSeconds()));
  }

  static void startHttp(EmbeddedServer http, CoracleConfig config) {
    try {
      http.start();
    } catch (RuntimeException e) {
      if (PortInUseException.isBindFailure(e)) {
        throw new PortInUseException(config.server().host(), config.server().port(), e);
      }
      throw e;
    }
  }

  /** The application context of a role: the store, the providers and, for HTTP, the routes. */
  static ApplicationContext context(
      LoadedConfig loaded,
      TemporalConnection temporal,
      MetricsSetup metrics,
      TracingSetup tracing) {
    return ApplicationContext.builder()
        .deduceEnvironment(false)
        .deduceCloudEnvironment(false)
        .banner(false)
        .properties(properties(loaded))
        .singletons(metrics.withSingletons(tracing.withSingletons(loaded, temporal)))
        .start();
  }

  private static Map<String, Object> properties(LoadedConfig loaded) {
    CoracleConfig config = loaded.config();
    Map<String, Object> properties = new HashMap<>(StoreLocation.of(loaded).properties());
    properties.put("micronaut.application.name", "coracle");
    properties.put("micronaut.server.host", config.server().host());
    properties.put("micronaut.server.port", config.server().port());
    properties.put("micronaut.server.max-request-size", config.server().maxRequestBytes());
    // micronaut-flyway brings Micronaut's management endpoints (/beans, /routes, /threaddump…);
    // coracle serves none of them, and its own GET /health says only that it is up.
    properties.put("endpoints.all.enabled", false);
    // Streams and queued local-model calls can be quiet for a long time before the first token.
    properties.put("micronaut.server.idle-timeout", "30m");
    properties.put("micronaut.server.read-timeout", 1800);
    return properties;
  }

  /** The HTTP port actually bound (differs from the config when it asked for port 0). */
  public int httpPort() {
    return http.getPort();
  }

  public String httpHost() {
    return loaded.config().server().host();
  }

  public TemporalConnection temporal() {
    return temporal;
  }

  public LoadedConfig loaded() {
    return loaded;
  }

  public ApplicationContext context() {
    return context;
  }

  /**
   * Lets the warm-up finish, then stops accepting requests, drains the worker (whose activities and
   * the workflow index still need the store), and only then closes the application context with the
   * store (where the embedding model waits for calls in its native code) and Temporal. The HTTP
   * server is stopped on its own: a plain stop would close the context with it, before the worker
   * has drained.
   */
  @Override
  public void close() {
    warmUp.stop();
    if (http instanceof NettyEmbeddedServer netty) {
      netty.stopServerOnly();
    } else {
      http.stop();
    }
    temporal.stopWorker(DRAIN);
    context.close();
    temporal.close();
  }
}
