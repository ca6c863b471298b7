package dev.coracle.activities.config;

import java.util.List;

/**
 * Everything {@code coracle.yml} can say. Every section has defaults, so an empty or missing file
 * is a working configuration. See docs/configuration.md for each key.
 */
public record CoracleConfig(
    ServerConfig server,
    TemporalConfig temporal,
    StoreConfig store,
    LocalConfig local,
    List<ProviderConfig> providers,
    ChatConfig chat,
    RoutingConfig routing,
    ClassifierConfig classifier,
    CacheConfig cache) {

  /** The HTTP API. */
  public record ServerConfig(String host, int port, long maxRequestBytes) {}

  /**
   * Where workflows run: {@code embedded} starts Temporal's test server inside coracle; anything
   * else is the {@code host:port} of an existing cluster.
   */
  public record TemporalConfig(String target, String namespace, int embeddedPort) {
    public boolean embedded() {
      return "embedded".equals(target);
    }
  }

  /** The SQLite store; an empty path means {@code $CORACLE_HOME/coracle.db}. */
  public record StoreConfig(String path, int busyTimeoutMs) {}

  /** Models that run on this machine, through the single LLM slot. */
  public record LocalConfig(OllamaConfig ollama) {}

  /** The local Ollama server and the two models coracle uses on it. */
  public record OllamaConfig(
      boolean enabled,
      String baseUrl,
      String reasoningModel,
      String coderModel,
      int timeoutSeconds) {}

  /**
   * A model provider. {@code local} says whether it runs on this machine (and so must go through
   * the single LLM slot); when absent it is true for {@code ollama} and false otherwise.
   */
  public record ProviderConfig(
      String name,
      String kind,
      String baseUrl,
      String apiKey,
      List<String> models,
      Boolean local,
      Integer timeoutSeconds) {

    public boolean runsLocally() {
      return local != null ? local : "ollama".equals(kind);
    }
  }

  /** Chat behaviour. */
  public record ChatConfig(int workflowTimeoutSeconds, int healthCheckSeconds) {}

  /**
   * Which models serve each class, best first, as {@code provider/model} names. An empty list keeps
   * coracle's default order (local first for fast, cloud first for deep and research).
   */
  public record RoutingConfig(List<String> fast, List<String> deep, List<String> research) {}

  /**
   * The classifier. Rules and the in-process embedding classifier always run; when their confidence
   * is below {@code voteBelowConfidence} and a local model is available, the local model votes on
   * the LLM slot (if {@code llmVote} is on).
   */
  public record ClassifierConfig(boolean llmVote, double voteBelowConfidence) {}

  /**
   * The semantic cache for requests without tools: a paraphrase of an earlier question with the
   * same earlier turns and model gets the earlier answer.
   */
  public record CacheConfig(
      boolean enabled, double similarity, int ttlHours, double maxTemperature) {}
}
