package dev.coracle.api;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the roles with HTTP doors ({@code serve}, {@code api}) listen. */
final class HttpOptions {
  @Option(
      names = "--host",
      description =
          "Address the HTTP API listens on; any but a loopback address needs an API key"
              + " (CORACLE_API_KEY).")
  String host;

  @Option(names = "--port", description = "Port the HTTP API listens on.")
  Integer port;

  Map<String, String> variables() {
    Map<String, String> env = new HashMap<>();
    if (host != null) {
      env.put("CORACLE_SERVER_HOST", host);
    }
    if (port != null) {
      env.put("CORACLE_SERVER_PORT", port.toString());
    }
    return env;
  }
}
