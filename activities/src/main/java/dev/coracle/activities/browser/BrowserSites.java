package dev.coracle.activities.browser;

import dev.coracle.activities.config.CoracleConfig.BrowserConfig;
import dev.coracle.activities.config.CoracleConfig.BrowserSite;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Finds a configured site by name. A site's name is also its profile directory's name. */
final class BrowserSites {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private BrowserSites() {}

  static Optional<BrowserSite> find(BrowserConfig config, String name) {
    return sites(config).stream().filter(site -> site.name().equals(name)).findFirst();
  }

  /** The site, or a message naming the sites that are configured. */
  static BrowserSite require(BrowserConfig config, String name) {
    BrowserSite site =
        find(config, name)
            .orElseThrow(
                () ->
                    new BrowserException(
                        "no browser site '"
                            + name
                            + "' in browser.sites (configured: "
                            + names(config)
                            + ")"));
    checkName(site.name());
    return site;
  }

  /** Refuses names that could leave {@code $CORACLE_HOME/browser} as a directory name. */
  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new BrowserException(
          "browser site name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
    }
    return name;
  }

  static String names(BrowserConfig config) {
    List<BrowserSite> sites = sites(config);
    return sites.isEmpty()
        ? "none"
        : sites.stream().map(BrowserSite::name).collect(Collectors.joining(", "));
  }

  private static List<BrowserSite> sites(BrowserConfig config) {
    return config.sites() == null ? List.of() : config.sites();
  }
}
