package dev.coracle.activities.cache;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.activities.store.TestStore;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.Usage;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The application context with the store, a configuration and the real embedding model. */
final class TestCache {

  /** One model for all tests: loading it takes a moment, and it keeps no state. */
  static final LocalEmbeddings EMBEDDINGS = new LocalEmbeddings();

  static final String DEFAULT_CACHE =
      """
      cache:
        enabled: true
        similarity: 0.95
        ttl-hours: 24
        max-temperature: 0.5
      """;

  private TestCache() {}

  /** Writes {@code yaml} as {@code home/coracle.yml} and loads it. */
  static LoadedConfig config(Path home, String yaml) {
    try {
      Files.createDirectories(home);
      Files.writeString(home.resolve("coracle.yml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ConfigLoader.load(home, Map.of());
  }

  static ApplicationContext start(Path dbFile, Clock clock, LoadedConfig loaded) {
    return ApplicationContext.builder()
        .properties(TestStore.properties(dbFile))
        .singletons(clock, loaded, EMBEDDINGS)
        .start();
  }

  static ChatRequest ask(String model, String question) {
    return new ChatRequest(
        model, List.of(new ChatMessage("user", question)), SamplingParams.defaults(), null);
  }

  static ChatRequest ask(String model, List<ChatMessage> messages) {
    return new ChatRequest(model, messages, SamplingParams.defaults(), null);
  }

  static ChatResult answer(String content) {
    return new ChatResult(
        new Classification(RequestClass.FAST, 0.8, "rules", "short question"),
        "ollama",
        "qwen2.5:7b",
        content,
        "stop",
        new Usage(21, 34),
        850,
        List.of("groq/llama-3.3-70b: 429 rate limited"));
  }
}
