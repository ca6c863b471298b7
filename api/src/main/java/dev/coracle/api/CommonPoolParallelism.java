package dev.coracle.api;

/**
 * Gives the JVM's common fork-join pool at least {@link #MINIMUM} threads. On a machine with two
 * cores its default is one thread, and {@code CompletableFuture} then starts a new thread for every
 * asynchronous step without an executor. The Temporal client takes such a step for every workflow
 * result it waits for, so each chat request used to start and end one thread. Must run before
 * anything touches the pool, so it is the first thing {@code main} does; an explicit {@code
 * -Djava.util.concurrent.ForkJoinPool.common.parallelism} wins.
 */
final class CommonPoolParallelism {
  static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** Enough for the client's result polls to run side by side with the rest of the pool's work. */
  static final int MINIMUM = 4;

  private CommonPoolParallelism() {}

  static void ensure() {
    if (System.getProperty(PROPERTY) == null) {
      int cores = Runtime.getRuntime().availableProcessors();
      System.setProperty(PROPERTY, Integer.toString(Math.max(MINIMUM, cores - 1)));
    }
  }
}
