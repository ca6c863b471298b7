package dev.coracle.api.server;

import io.micronaut.core.annotation.Nullable;

/**
 * The error dialect of a route, so every error a client gets there parses the same way: JSON-RPC on
 * {@code /mcp}, Anthropic's on {@code /v1/messages}, OpenAI's everywhere else.
 */
public enum ErrorShape {
  OPENAI,
  ANTHROPIC,
  JSON_RPC;

  public static ErrorShape of(@Nullable String path) {
    if (path == null) {
      return OPENAI;
    }
    if (path.equals("/mcp") || path.startsWith("/mcp/")) {
      return JSON_RPC;
    }
    if (path.equals("/v1/messages") || path.startsWith("/v1/messages/")) {
      return ANTHROPIC;
    }
    return OPENAI;
  }
}
