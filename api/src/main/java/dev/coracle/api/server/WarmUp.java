package dev.coracle.api.server;

import dev.coracle.activities.classify.ClassifierSupply;
import dev.coracle.activities.embeddings.LocalEmbeddings;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * Loads the embedding model and builds the classifier while the API already answers: a chat that
 * arrives meanwhile waits for them, everything else (the models list, the native API) does not.
 *
 * <p>The model is native code (ONNX Runtime). A process that exits while a thread is inside it can
 * crash in the library's exit handlers, so the server lets the warm-up finish before it closes
 * anything, and a shutdown hook waits for every call into the model, however the JVM exits.
 */
final class WarmUp {

  /** Loading the model takes seconds; past this bound an exit goes ahead rather than hang. */
  static final Duration NATIVE_WAIT = Duration.ofSeconds(30);

  private final ApplicationContext context;
  private final LocalEmbeddings embeddings;
  private final Thread thread;
  private final Thread exitHook;
  private volatile boolean stopping;

  private WarmUp(ApplicationContext context) {
    this.context = context;
    this.embeddings = context.getBean(LocalEmbeddings.class);
    this.thread = new Thread(this::run, "coracle-warm-up");
    this.thread.setDaemon(true);
    this.exitHook = new Thread(this::onExit, "coracle-warm-up-exit");
  }

  static WarmUp start(ApplicationContext context) {
    WarmUp warmUp = new WarmUp(context);
    Runtime.getRuntime().addShutdownHook(warmUp.exitHook);
    warmUp.thread.start();
    return warmUp;
  }

  private void run() {
    try {
      embeddings.warmUp();
      // The same build a chat would start, so a chat during the warm-up waits for this one.
      context.getBean(ClassifierSupply.class).build().join();
    } catch (RuntimeException e) {
      if (!stopping) {
        LoggerFactory.getLogger(WarmUp.class)
            .warn("warming up the classifier failed; the first chat will retry", e);
      }
    }
  }

  /**
   * Lets the warm-up finish (bounded by {@link #NATIVE_WAIT}) and quiets its complaints, so that
   * the application context is not closed under it. Safe to call more than once.
   */
  void stop() {
    stopping = true;
    try {
      thread.join(NATIVE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * On any exit, also one that did not go through {@link #stop} (a signal during start-up, {@code
   * System.exit}): waits until no thread is inside the model's native code and lets none in again.
   */
  private void onExit() {
    stopping = true;
    embeddings.close(NATIVE_WAIT);
  }
}
