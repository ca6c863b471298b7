package dev.coracle.api.cli.jobs;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.api.security.ClientKey;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the running coracle is, whose key to send, and how to print: every job command's. */
final class ClientOptions {
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

  @Option(names = "--json", description = "Print the API's JSON instead of text, for scripts.")
  boolean json;

  /** A client for the coracle at {@code --url}, with the configured API key. */
  CoracleApi api() {
    Optional<String> key;
    try {
      key = ClientKey.load(home, System.getenv());
    } catch (ConfigException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
    return new CoracleApi(url, key);
  }
}
