package dev.coracle.api.anthropic;

import java.util.List;

/**
 * Why each server tool ({@code web_search_20250305}, {@code bash_20250124}, ...) was left out: they
 * run on Anthropic's side, and coracle offers models only tools with an {@code input_schema}.
 */
final class DroppedServerTools {
  private DroppedServerTools() {}

  static List<String> reasons(List<ToolSpec> dropped) {
    return dropped.stream()
        .map(
            tool ->
                "dropped the server tool '"
                    + tool.name()
                    + "' ("
                    + tool.type()
                    + "): coracle offers models only tools with an input_schema")
        .toList();
  }
}
