package dev.coracle.api.server;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.config.CoracleHome;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.store.StoreLocation;
import dev.coracle.api.metrics.MetricsSetup;
import dev.coracle.api.tracing.TracingSetup;
import dev.coracle.worker.TemporalConnection;
import io.micronaut.context.ApplicationContext;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What the split roles need before they start, each failing with one line: an external Temporal
 * (the embedded one lives in {@code coracle serve} or {@code coracle temporal}) and a store that
 * opens.
 */
final class RoleRequirements {
  private RoleRequirements() {}

  /** Refuses the embedded server: a split role works with Temporal in another process. */
  static void externalTemporal(LoadedConfig loaded, String role) {
    if (loaded.config().temporal().embedded()) {
      throw new ConfigException(
          "coracle "
              + role
              + " needs an external Temporal: --temporal HOST:PORT (for one machine, run"
              + " 'coracle temporal' first and use --temporal 127.0.0.1:7233)");
    }
  }

  /**
   * Opens the role's application context, whose start opens and migrates the store; a store that
   * cannot be opened is named in the failure.
   */
  static ApplicationContext openStore(
      LoadedConfig loaded,
      TemporalConnection temporal,
      MetricsSetup metrics,
      TracingSetup tracing) {
    return named(
        () -> CoracleServer.context(loaded, temporal, metrics, tracing),
        "cannot open the store " + store(loaded));
  }

  /**
   * What {@code api} and {@code worker} share: an external Temporal and the application context on
   * the store. {@code rest} finishes the role's start; if anything fails, both are closed again.
   */
  static <T> T connected(
      LoadedConfig loaded,
      String role,
      BiFunction<TemporalConnection, ApplicationContext, T> rest) {
    externalTemporal(loaded, role);
    CoracleHome.ensureWritable(loaded.home());
    MetricsSetup metrics = MetricsSetup.from(loaded.config());
    TracingSetup tracing = TracingSetup.from(loaded.config());
    TemporalConnection temporal =
        TemporalConnection.open(
            loaded.config().temporal(),
            "127.0.0.1",
            metrics.temporalScope(),
            tracing.temporalInterceptors());
    ApplicationContext context = null;
    try {
      context = openStore(loaded, temporal, metrics, tracing);
      return rest.apply(temporal, context);
    } catch (RuntimeException e) {
      if (context != null) {
        context.close();
      }
      temporal.close();
      throw e;
    }
  }

  static String store(LoadedConfig loaded) {
    return StoreLocation.of(loaded).describe();
  }

  private static <T> T named(Supplier<T> step, String what) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      throw new RoleStartException(what, e);
    }
  }
}
