package dev.coracle.worker;

import dev.coracle.activities.config.CoracleConfig.TemporalConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/**
 * The one {@link WorkflowClient} of this process, to the embedded server or an external cluster.
 * The worker factory shares it, which is what lets eager workflow start hand the first workflow
 * task straight back in the start response.
 */
public final class TemporalConnection implements AutoCloseable {
  private final EmbeddedTemporal embedded;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String description;

  private TemporalConnection(
      EmbeddedTemporal embedded, WorkflowServiceStubs stubs, String namespace, String description) {
    this.embedded = embedded;
    this.stubs = stubs;
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    this.description = description;
  }

  /** Starts the embedded server when configured so, then connects. */
  public static TemporalConnection open(TemporalConfig config, String listenHost) {
    if (config.embedded()) {
      EmbeddedTemporal server = EmbeddedTemporal.start(listenHost, config.embeddedPort());
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setChannel(server.channel()).build());
      return new TemporalConnection(
          server,
          stubs,
          config.namespace(),
          "embedded test server on " + listenHost + ":" + server.port());
    }
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newConnectedServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(config.target()).build(),
            Duration.ofSeconds(10));
    return new TemporalConnection(
        null, stubs, config.namespace(), config.target() + " namespace " + config.namespace());
  }

  public WorkflowClient client() {
    return client;
  }

  /** A short line for the start-up summary. */
  public String description() {
    return description;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    stubs.shutdown();
    stubs.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    stubs.shutdownNow();
    if (embedded != null) {
      embedded.close();
    }
  }
}
