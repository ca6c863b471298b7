package dev.coracle.activities.tools;

import dev.coracle.activities.config.CoracleConfig.SearchConfig;
import dev.coracle.activities.config.CoracleConfig.ShellConfig;
import dev.coracle.activities.config.CoracleConfig.ToolsConfig;
import dev.coracle.activities.config.CoracleConfig.WebConfig;
import dev.coracle.activities.config.LoadedConfig;
import java.util.List;

/** The tools section of the configuration; the shipped defaults when a config has none. */
public final class ToolSettings {

  static final ToolsConfig DEFAULTS =
      new ToolsConfig(
          120,
          16 * 1024,
          24 * 1024,
          12 * 1024,
          1024 * 1024,
          new ShellConfig(List.of(), List.of(), "auto", ""),
          new WebConfig(List.of(), 20, 2 * 1024 * 1024, new SearchConfig("", "", "")));

  private ToolSettings() {}

  public static ToolsConfig of(LoadedConfig loaded) {
    ToolsConfig tools = loaded.config().tools();
    return tools == null ? DEFAULTS : tools;
  }
}
