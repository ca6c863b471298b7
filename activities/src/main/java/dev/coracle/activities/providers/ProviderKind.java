package dev.coracle.activities.providers;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocols coracle can speak to an upstream model server. */
public enum ProviderKind {
  /** Ollama's native API ({@code /api/chat}), used for local models. */
  OLLAMA("ollama"),
  /** Any server speaking OpenAI's {@code /v1/chat/completions}: Groq, OpenRouter, LM Studio. */
  OPENAI_COMPATIBLE("openai-compatible"),
  /**
   * Google's Gemini API ({@code /v1beta/models/{model}:generateContent}), whose free tier counts
   * requests per minute and per day, and says which one ran out.
   */
  GEMINI("gemini"),
  /**
   * A chat web UI driven by a headless browser, the last resort of the chain. Not a {@code kind} in
   * {@code providers:}; sites are configured under {@code browser:}.
   */
  BROWSER("browser");

  private final String configName;

  ProviderKind(String configName) {
    this.configName = configName;
  }

  /** The spelling used in {@code coracle.yml}. */
  public String configName() {
    return configName;
  }

  /** The kinds a {@code providers:} entry may have. */
  public static java.util.List<ProviderKind> configurable() {
    return Arrays.stream(values()).filter(kind -> kind != BROWSER).toList();
  }

  /** Parses the {@code kind} of a provider entry in the configuration. */
  public static ProviderKind fromConfig(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ProviderKind kind : configurable()) {
      if (kind.configName.equals(wanted)) {
        return kind;
      }
    }
    String valid =
        configurable().stream().map(ProviderKind::configName).collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        "unknown provider kind '" + value + "'; valid kinds are: " + valid);
  }
}
