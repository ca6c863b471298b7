package dev.coracle.api.mcp;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.api.cli.RunningCoracle;
import dev.coracle.api.security.ClientKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code coracle mcp serve}: MCP over stdio for clients that start their servers as processes. It
 * is a bridge, not a second coracle: each line read is posted to the running coracle's {@code /mcp}
 * and the answer written back, so the jobs live in the one process that runs them. It sends the API
 * key of the configuration it finds, as coracle itself would read it.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve coracle's job tools over stdio, relaying to a running coracle.")
final class McpServeCommand implements Callable<Integer> {
  static final int EXIT_BAD_CONFIG = 2;

  @Mixin RunningCoracle coracle;

  @Override
  public Integer call() throws IOException {
    Optional<String> key;
    try {
      key = coracle.apiKey();
    } catch (ConfigException e) {
      System.err.println("coracle: " + e.getMessage());
      return EXIT_BAD_CONFIG;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    McpStdioBridge bridge = new McpStdioBridge(http, URI.create(coracle.baseUrl() + "/mcp"), key);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String line;
    while ((line = in.readLine()) != null) {
      if (!line.isBlank()) {
        bridge.relay(line).ifPresent(out::println);
      }
    }
    return 0;
  }

  static HttpRequest.Builder post(URI endpoint, String body, Optional<String> key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    key.ifPresent(value -> request.header("Authorization", ClientKey.authorization(value)));
    return request;
  }

  static boolean ok(HttpResponse<?> response) {
    return response.statusCode() / 100 == 2;
  }
}
