package dev.coracle.activities.quota;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.store.TestStore;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The application context with the store and a configuration, as the application starts it. */
final class TestQuota {

  /** Groq, OpenRouter and Gemini as a user would configure them, without the local Ollama. */
  static final String PROVIDERS =
      """
      local:
        ollama:
          enabled: false
      providers:
        - name: groq
          kind: openai-compatible
          base-url: "https://api.groq.com/openai/v1"
          api-key: "${GROQ_API_KEY:}"
          models: ["llama-3.3-70b-versatile", "llama-3.1-8b-instant"]
        - name: openrouter
          kind: openai-compatible
          base-url: "https://openrouter.ai/api/v1"
          api-key: "${OPENROUTER_API_KEY:}"
          models: ["deepseek/deepseek-r1:free", "meta-llama/llama-3.3-70b-instruct:free"]
        - name: gemini
          kind: openai-compatible
          base-url: "https://generativelanguage.googleapis.com/v1beta/openai"
          api-key: "${GEMINI_API_KEY:}"
          models: ["gemini-2.5-flash"]
      """;

  private TestQuota() {}

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
        .singletons(clock, loaded)
        .start();
  }
}
