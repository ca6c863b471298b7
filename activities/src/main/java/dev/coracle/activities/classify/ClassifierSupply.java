package dev.coracle.activities.classify;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the {@link TieredClassifier} once, on its own thread, and hands it out when it is ready.
 * Building it (load the embedding model, embed the exemplars, train the head) takes seconds, more
 * on a busy machine; a chat that arrives meanwhile must not wait past the classify activity's time
 * bound, so it asks for the classifier with a bounded wait and classifies by the rules alone when
 * the classifier is not there yet.
 */
@Singleton
public class ClassifierSupply {
  private final Provider<TieredClassifier> classifier;
  private final AtomicReference<CompletableFuture<TieredClassifier>> building =
      new AtomicReference<>();

  public ClassifierSupply(Provider<TieredClassifier> classifier) {
    this.classifier = classifier;
  }

  /**
   * Starts building the classifier unless that has started already; completes with it. A build that
   * failed is started again by the next call.
   */
  public CompletableFuture<TieredClassifier> build() {
    CompletableFuture<TieredClassifier> current = building.get();
    if (current != null && !current.isCompletedExceptionally()) {
      return current;
    }
    CompletableFuture<TieredClassifier> mine = new CompletableFuture<>();
    if (!building.compareAndSet(current, mine)) {
      return building.get();
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                TieredClassifier built = classifier.get();
                built.warmUp();
                mine.complete(built);
              } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
              }
            },
            "coracle-classifier-build");
    thread.setDaemon(true);
    thread.start();
    return mine;
  }

  /**
   * The classifier, waiting for it at most {@code wait}; empty when it is still being built.
   *
   * @throws IllegalStateException when building it failed
   */
  public Optional<TieredClassifier> ready(Duration wait) {
    try {
      return Optional.of(build().get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException stillBuilding) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("building the classifier failed", e.getCause());
    }
  }
}
