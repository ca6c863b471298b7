package dev.coracle.api.server;

import dev.coracle.activities.config.CoracleConfig;
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
    CoracleConfig config = loaded.config();
    NetworkExposure.check(config.server());
    PortInUseException.requireFree(config.server().host(), config.server().port());
    return RoleRequirements.connected(
        loaded,
        "api",
        (temporal, context) -> {
          EmbeddedServer http = context.getBean(EmbeddedServer.class);
          CoracleServer.startHttp(http, config);
          return new ApiRole(loaded, temporal, context, http);
        });
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
