package dev.coracle.activities.tools;

import dev.coracle.activities.config.CoracleConfig.ToolsConfig;
import dev.coracle.activities.config.LoadedConfig;

/** The tools section of the configuration; the shipped defaults when a config has none. */
final class ToolSettings {

  static final ToolsConfig DEFAULTS = new ToolsConfig(120, 16 * 1024, 24 * 1024);

  private ToolSettings() {}

  static ToolsConfig of(LoadedConfig loaded) {
    ToolsConfig tools = loaded.config().tools();
    return tools == null ? DEFAULTS : tools;
  }
}
