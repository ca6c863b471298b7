package dev.coracle.api;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.api.server.RoleStartException;
import dev.coracle.worker.PortInUseException;
import dev.coracle.worker.TemporalUnreachableException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * How every long-running role lives: start, print the summary, run until SIGTERM or Ctrl-C, stop. A
 * start that fails says why in one line on stderr and exits with {@link #EXIT_STARTUP_FAILED}.
 */
final class RoleLifecycle {
  static final int EXIT_STARTUP_FAILED = 2;
  static final int EXIT_STOPPED_AT_ONCE = 1;

  private RoleLifecycle() {}

  /**
   * @param stopping what the role says while it stops
   */
  static <T extends AutoCloseable> int run(
      Supplier<T> start, BiFunction<T, Duration, String> summary, String stopping) {
    long started = System.nanoTime();
    // Handled from the start: a stop during start-up then waits for it and stops cleanly too.
    CountDownLatch stop = stopSignal();
    T role;
    try {
      role = start.get();
    } catch (ConfigException
        | PortInUseException
        | TemporalUnreachableException
        | RoleStartException e) {
      System.err.println("coracle: " + e.getMessage());
      return EXIT_STARTUP_FAILED;
    } catch (RuntimeException e) {
      // Anything else is a bug or an environment problem; the log keeps the stack trace.
      LoggerFactory.getLogger(RoleLifecycle.class).debug("start-up failed", e);
      System.err.println("coracle: could not start: " + CliErrors.rootMessage(e));
      return EXIT_STARTUP_FAILED;
    }
    System.out.print(summary.apply(role, Duration.ofNanos(System.nanoTime() - started)));
    System.out.flush();
    awaitStop(stop);
    System.out.println("coracle: stopping (" + stopping + ")");
    try {
      role.close();
    } catch (Exception e) {
      System.err.println("coracle: stopping failed: " + CliErrors.rootMessage(e));
      return EXIT_STOPPED_AT_ONCE;
    }
    System.out.println("coracle: stopped");
    return 0;
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
