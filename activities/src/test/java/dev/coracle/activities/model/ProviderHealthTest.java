package dev.coracle.activities.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.fakes.FakeOllamaServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderHealthTest {

  @TempDir Path home;

  @Test
  void ollama_that_lists_its_models_is_reachable() throws IOException {
    try (FakeOllamaServer ollama = new FakeOllamaServer().start()) {
      ProviderHealth.Check check = checkOllamaAt(ollama.baseUrl());

      assertThat(check.reachable()).isTrue();
      assertThat(check.detail()).isEqualTo("reachable at " + ollama.baseUrl());
      assertThat(ollama.requests("/api/tags")).hasSize(1);
    }
  }

  @Test
  void nothing_listening_is_not_reachable() throws IOException {
    String url;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      url = "http://127.0.0.1:" + socket.getLocalPort();
    }

    ProviderHealth.Check check = checkOllamaAt(url);

    assertThat(check.reachable()).isFalse();
    assertThat(check.detail()).isEqualTo("not reachable at " + url);
  }

  @Test
  void server_that_fails_the_listing_is_not_reachable_and_says_its_status() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "{\"error\":\"overloaded\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(503, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();

      ProviderHealth.Check check = checkOllamaAt(url);

      assertThat(check.reachable()).isFalse();
      assertThat(check.detail()).isEqualTo("answered HTTP 503 at " + url);
    } finally {
      server.stop(0);
    }
  }

  private ProviderHealth.Check checkOllamaAt(String url) throws IOException {
    Files.writeString(
        home.resolve("coracle.yml"), "local:\n  ollama:\n    base-url: \"" + url + "\"\n");
    LoadedConfig loaded = ConfigLoader.load(home, Map.of());
    ConfiguredProvider ollama = new ProviderCatalog(loaded).find("ollama").orElseThrow();
    return new ProviderHealth(loaded).check(ollama);
  }
}
