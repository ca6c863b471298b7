package dev.coracle.api.jobs;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.job.JobStore;
import dev.coracle.api.server.CoracleServer;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A whole coracle started in this JVM on free ports with a temporary home and no models: real
 * embedded Temporal, real SQLite, real HTTP. Jobs API tests need no model, only the store.
 */
final class JobsServer implements AutoCloseable {
  private final CoracleServer server;

  private JobsServer(CoracleServer server) {
    this.server = server;
  }

  static JobsServer start(Path home) {
    try {
      Files.createDirectories(home);
      Files.writeString(home.resolve("coracle.yml"), "local:\n  ollama:\n    enabled: false\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env =
        Map.of("CORACLE_SERVER_PORT", "0", "CORACLE_TEMPORAL_EMBEDDED_PORT", "0");
    return new JobsServer(CoracleServer.start(ConfigLoader.load(home, env)));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.httpPort() + path;
  }

  JobStore store() {
    return server.context().getBean(JobStore.class);
  }

  WorkflowClient temporal() {
    return server.temporal().client();
  }

  @Override
  public void close() {
    server.close();
  }
}
