package dev.coracle.api.cli;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.api.security.ClientKey;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to a coracle already running: where it is, and which
 * home's API key to send. One class, so {@code coracle jobs} and {@code coracle mcp serve} find a
 * server and its key the same way.
 */
public class RunningCoracle {
  @Option(
      names = "--url",
      defaultValue = "${env:CORACLE_URL:-http://127.0.0.1:8787}",
      description = "The running coracle (default: $CORACLE_URL or http://127.0.0.1:8787).")
  String url;

  @Option(
      names = "--home",
      description =
          "Coracle home whose server.api-key to send (default: $CORACLE_HOME or ~/.coracle).")
  Path home;

  /** The base URL without a trailing slash. */
  public String baseUrl() {
    return url.replaceAll("/+$", "");
  }

  /** The API key the configuration at {@code --home} gives clients, if any. */
  public Optional<String> apiKey() throws ConfigException {
    return ClientKey.load(home, System.getenv());
  }
}
