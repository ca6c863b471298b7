package dev.coracle.activities.local;

import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.CoracleConfig.LocalConfig;
import dev.coracle.activities.config.CoracleConfig.OllamaConfig;
import dev.coracle.activities.config.LoadedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Configurations, memory and calls for the slot tests. */
final class TestSlots {
  static final String REASONING = "qwen2.5:7b";
  static final String CODER = "qwen2.5-coder:7b";
  static final long MIB = 1024L * 1024;
  static final long GIB = 1024 * MIB;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TestSlots() {}

  static LoadedConfig config(String baseUrl, String keepAlive, int minFreeRamMb) {
    OllamaConfig ollama =
        new OllamaConfig(true, baseUrl, REASONING, CODER, 30, keepAlive, minFreeRamMb);
    CoracleConfig config =
        new CoracleConfig(
            null, null, null, new LocalConfig(ollama), List.of(), null, null, null, null, null);
    return new LoadedConfig(config, Path.of("."), null, Map.of());
  }

  /** A slot with a 2 GiB floor that polls quickly and gives up waiting after {@code wait}. */
  static LocalModelSlot slot(String baseUrl, MemoryProbe memory, Duration wait) {
    return new LocalModelSlot(
        config(baseUrl, "5m", 2048), memory, Clock.systemUTC(), wait, Duration.ofMillis(20));
  }

  /** Memory a test can shrink and grow. */
  static final class FakeMemory implements MemoryProbe {
    private final AtomicLong available;

    FakeMemory(long bytes) {
      available = new AtomicLong(bytes);
    }

    void set(long bytes) {
      available.set(bytes);
    }

    @Override
    public long availableBytes() {
      return available.get();
    }
  }

  /** What the model activity does after {@code prepare}: a chat call that loads the model. */
  static void chat(String baseUrl, String model, String keepAlive) {
    String body =
        "{\"model\":\""
            + model
            + "\",\"stream\":false,\"keep_alive\":\""
            + keepAlive
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/api/chat"))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("chat failed: " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
