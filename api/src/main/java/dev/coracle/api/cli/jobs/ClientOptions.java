package dev.coracle.api.cli.jobs;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.api.cli.RunningCoracle;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the running coracle is, whose key to send, and how to print: every job command's. */
final class ClientOptions extends RunningCoracle {
  @Option(names = "--json", description = "Print the API's JSON instead of text, for scripts.")
  boolean json;

  /** A client for the coracle at {@code --url}, with the configured API key. */
  CoracleApi api() {
    Optional<String> key;
    try {
      key = apiKey();
    } catch (ConfigException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
    return new CoracleApi(baseUrl(), key);
  }
}
