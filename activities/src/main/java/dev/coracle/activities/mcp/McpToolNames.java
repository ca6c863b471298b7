package dev.coracle.activities.mcp;

/**
 * The name the model calls a remote tool by: {@code mcp__<server>__<tool>}. The prefix keeps them
 * apart from coracle's own tools and from each other's; OpenAI allows only {@code [A-Za-z0-9_-]}
 * and 64 characters, so anything else becomes {@code _} and a long name is cut.
 */
public final class McpToolNames {
  public static final String PREFIX = "mcp__";
  private static final int MAX = 64;

  private McpToolNames() {}

  public static String of(String server, String tool) {
    String name = PREFIX + server + "__" + tool.replaceAll("[^A-Za-z0-9_-]", "_");
    return name.length() <= MAX ? name : name.substring(0, MAX);
  }
}
