package dev.coracle.api.metrics;

import java.util.List;

/**
 * The door a request came to, from its path, as {@code coracle_requests_seconds} labels it: a fixed
 * set of names, whatever path a client sends, so that no path (with its ids) becomes a series.
 */
final class Doors {
  private record Door(String prefix, String name) {
    boolean matches(String path) {
      return path.equals(prefix) || path.startsWith(prefix + "/");
    }
  }

  /** Longer prefixes first where one holds another. */
  private static final List<Door> DOORS =
      List.of(
          new Door("/v1/chat/completions", "chat_completions"),
          new Door("/v1/completions", "completions"),
          new Door("/v1/responses", "responses"),
          new Door("/v1/messages", "messages"),
          new Door("/v1/embeddings", "embeddings"),
          new Door("/v1/models", "models"),
          new Door("/api/jobs", "jobs"),
          new Door("/api", "native"),
          new Door("/mcp", "mcp"),
          new Door("/health", "health"),
          new Door("/metrics", "metrics"));

  static final String OTHER = "other";

  private Doors() {}

  static String of(String path) {
    if (path == null) {
      return OTHER;
    }
    for (Door door : DOORS) {
      if (door.matches(path)) {
        return door.name();
      }
    }
    return OTHER;
  }
}
