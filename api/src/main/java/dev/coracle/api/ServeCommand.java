package dev.coracle.api;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.CoracleHome;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.api.server.CoracleServer;
import dev.coracle.api.server.StartupSummary;
import dev.coracle.worker.PortInUseException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code coracle serve}: the whole of coracle in one process, until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run coracle: Temporal (embedded by default), the worker and the OpenAI API.")
final class ServeCommand implements Callable<Integer> {
  static final int EXIT_STARTUP_FAILED = 2;
  static final int EXIT_STOPPED_AT_ONCE = 1;

  @Option(names = "--home", description = "Coracle home (default: $CORACLE_HOME or ~/.coracle).")
  Path home;

  @Option(names = "--temporal", description = "HOST:PORT of an existing Temporal cluster.")
  String temporal;

  @Option(names = "--namespace", description = "Temporal namespace (default: default).")
  String namespace;

  @Option(
      names = "--host",
      description =
          "Address the HTTP API listens on; any but a loopback address needs an API key"
              + " (CORACLE_API_KEY).")
  String host;

  @Option(names = "--port", description = "Port the HTTP API listens on.")
  Integer port;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    // Handled from the start: a stop during start-up then waits for it and stops cleanly too.
    CountDownLatch stop = stopSignal();
    CoracleServer server;
    try {
      Map<String, String> env = environment();
      Path coracleHome = home != null ? home.toAbsolutePath() : CoracleHome.resolve(env);
      LoadedConfig loaded = ConfigLoader.load(coracleHome, env);
      server = CoracleServer.start(loaded);
    } catch (ConfigException | PortInUseException e) {
      System.err.println("coracle: " + e.getMessage());
      return EXIT_STARTUP_FAILED;
    } catch (RuntimeException e) {
      // Anything else is a bug or an environment problem; the log keeps the stack trace.
      LoggerFactory.getLogger(ServeCommand.class).debug("start-up failed", e);
      System.err.println("coracle: could not start: " + CliErrors.rootMessage(e));
      return EXIT_STARTUP_FAILED;
    }
    System.out.print(
        StartupSummary.describe(server, Duration.ofNanos(System.nanoTime() - started)));
    System.out.flush();
    awaitStop(stop);
    System.out.println("coracle: stopping (draining the worker)");
    server.close();
    System.out.println("coracle: stopped");
    return 0;
  }

  /** Command-line options win over the environment, which wins over the file. */
  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (temporal != null) {
      env.put("CORACLE_TEMPORAL_TARGET", temporal);
    }
    if (namespace != null) {
      env.put("CORACLE_TEMPORAL_NAMESPACE", namespace);
    }
    if (host != null) {
      env.put("CORACLE_SERVER_HOST", host);
    }
    if (port != null) {
      env.put("CORACLE_SERVER_PORT", port.toString());
    }
    return env;
  }

  /**
   * Counts down on SIGTERM or SIGINT. Handling the signals ourselves, rather than in a shutdown
   * hook, lets the drain run to the end on a normal thread and the process exit with status 0. A
   * second signal, for someone who will not wait for a slow start or drain, exits at once (the
   * shutdown hooks still run).
   */
  private static CountDownLatch stopSignal() {
    CountDownLatch stop = new CountDownLatch(1);
    SignalHandler handler =
        signal -> {
          if (stop.getCount() == 0) {
            System.exit(EXIT_STOPPED_AT_ONCE);
          }
          stop.countDown();
        };
    Signal.handle(new Signal("TERM"), handler);
    Signal.handle(new Signal("INT"), handler);
    return stop;
  }

  private static void awaitStop(CountDownLatch stop) {
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
