package dev.coracle.activities.tools.web;

import dev.coracle.activities.config.CoracleConfig.SearchConfig;
import dev.coracle.activities.config.CoracleConfig.ToolsConfig;
import dev.coracle.activities.config.CoracleConfig.WebConfig;
import dev.coracle.activities.config.LoadedConfig;
import java.util.List;

/** The {@code tools.web} section; the shipped defaults when a config has none. */
public final class WebSettings {

  public static final WebConfig DEFAULTS =
      new WebConfig(List.of(), 20, 2 * 1024 * 1024, new SearchConfig("", "", ""));

  private WebSettings() {}

  public static WebConfig of(LoadedConfig loaded) {
    ToolsConfig tools = loaded.config().tools();
    return tools == null || tools.web() == null ? DEFAULTS : tools.web();
  }
}
