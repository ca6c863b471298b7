package dev.coracle.api.server;

import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.CoracleHome;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.api.security.NetworkExposure;
import dev.coracle.worker.PortInUseException;
import dev.coracle.worker.TemporalConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * {@code coracle api}: the HTTP doors alone. It starts workflows and answers queries on an external
 * Temporal; workers elsewhere run them. Chats wait in their queues until a worker polls.
 */
public final class ApiRole implements AutoCloseable {
  private final LoadedConfig loaded;
  private final TemporalConnection temporal;
  private final ApplicationContext context;
  private final EmbeddedServer http;

  private ApiRole(
      LoadedConfig loaded,
      TemporalConnection temporal,
      ApplicationContext context,
      EmbeddedServer http) {
    this.loaded = loaded;
    this.temporal = temporal;
    this.context = context;
    this.http = http;
  }

  public static ApiRole start(LoadedConfig loaded) {
    RoleRequirements.externalTemporal(loaded, "api");
    NetworkExposure.check(loaded.config().server());
    CoracleHome.ensureWritable(loaded.home());
    CoracleConfig config = loaded.config();
    PortInUseException.requireFree(config.server().host(), config.server().port());
    TemporalConnection temporal = TemporalConnection.open(config.temporal(), "127.0.0.1");
    ApplicationContext context = null;
    try {
      context = RoleRequirements.openStore(loaded, temporal);
      EmbeddedServer http = context.getBean(EmbeddedServer.class);
      CoracleServer.startHttp(http, config);
      return new ApiRole(loaded, temporal, context, http);
    } catch (RuntimeException e) {
      if (context != null) {
        context.close();
      }
      temporal.close();
      throw e;
    }
  }

  public int httpPort() {
    return http.getPort();
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

  /** Stops accepting requests; workflows already started go on in the workers. */
  @Override
  public void close() {
    if (http instanceof NettyEmbeddedServer netty) {
      netty.stopServerOnly();
    } else {
      http.stop();
    }
    context.close();
    temporal.close();
  }
}
