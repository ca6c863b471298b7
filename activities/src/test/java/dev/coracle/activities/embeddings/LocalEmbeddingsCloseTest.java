package dev.coracle.activities.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing the model waits for calls in its native code and refuses calls after it. */
class LocalEmbeddingsCloseTest {

  @Test
  void a_call_in_progress_ends_and_calls_after_close_are_refused() throws Exception {
    LocalEmbeddings embeddings = new LocalEmbeddings();
    // The first call creates the ONNX session, which takes a while: close lands during it or
    // before it starts, never leaves it running.
    CompletableFuture<Object> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return embeddings.embed("the first call loads the model");
              } catch (IllegalStateException closedFirst) {
                return closedFirst;
              }
            });
    Thread.sleep(50);

    assertThat(embeddings.close(Duration.ofSeconds(60))).isTrue();

    assertThat(first.get(60, TimeUnit.SECONDS))
        .as("the call finished, or was refused because close came first")
        .isInstanceOfAny(float[].class, IllegalStateException.class);
    assertThatThrownBy(() -> embeddings.embed("after close"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("coracle is stopping");
  }
}
