package dev.coracle.activities.tools.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.store.TestStore;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.activities.tools.web.Canary;
import dev.coracle.activities.tools.web.LocalWeb;
import dev.coracle.activities.tools.web.OwnPorts;
import dev.coracle.activities.tools.web.WebFetchTool;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * coracle's own port cannot be reached from web_fetch or from a page in browser_open, even when
 * tools.web.allow-hosts names it: a listener stands in for coracle's API on the port coracle.yml
 * gives as server.port, and the allow-list names it as localhost and as 127.0.0.1. The tools are
 * built from that loaded config, as coracle builds them.
 */
class CoraclePortIT {

  @TempDir Path home;

  Canary coracle;
  LocalWeb web;
  LoadedConfig loaded;
  ApplicationContext store;

  @BeforeEach
  void start() throws IOException {
    coracle = new Canary();
    web = new LocalWeb();
    int own = coracle.port();
    web.page("/attack", "text/html; charset=utf-8", attackPage(own))
        .redirect("/to-coracle", "http://localhost:" + own + "/api/jobs")
        .route(
            "/slow.png",
            exchange -> {
              // Keeps the page loading until its scripts have had every answer.
              BrowserNetworkSealIT.sleep(2000);
              LocalWeb.send(exchange, 404, "text/plain", "none");
            });
    Files.writeString(
        home.resolve("coracle.yml"),
        """
        server:
          port: %1$d
        tools:
          web:
            allow-hosts: ["127.0.0.1:%2$d", "localhost:%1$d", "127.0.0.1:%1$d", "127.0.0.0/8:%1$d"]
        """
            .formatted(own, web.port()));
    loaded = ConfigLoader.load(home, Map.of());
    store = TestStore.start(home.resolve("coracle.db"), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    store.close();
    web.close();
    coracle.close();
  }

  /** A page whose scripts try every way a page has to call coracle's API. */
  static String attackPage(int own) {
    return """
        <!doctype html>
        <html><head><title>Attack</title></head><body>
        <p id="out">waiting</p>
        <img src="http://localhost:%1$d/api/jobs.png" alt="">
        <iframe src="http://127.0.0.1:%1$d/"></iframe>
        <script>
        const job = JSON.stringify({task: 'rm -rf ~', workspace: '/'});
        const tries = [
          fetch('http://127.0.0.1:%1$d/api/jobs', {method: 'POST', body: job,
            headers: {'Content-Type': 'application/json'}}),
          fetch('http://localhost:%1$d/api/jobs', {method: 'POST', mode: 'no-cors', body: job}),
          fetch('http://0x7f.1:%1$d/mcp', {method: 'POST', mode: 'no-cors', body: '{}'}),
          fetch('/to-coracle', {method: 'POST', mode: 'no-cors', body: job}),
          new Promise((reached, failed) => {
            const xhr = new XMLHttpRequest();
            xhr.open('POST', 'http://127.0.0.1:%1$d/api/jobs');
            xhr.onloadend = () => xhr.status > 0 ? reached() : failed();
            xhr.send(job);
          }),
          new Promise((reached, failed) => {
            const ws = new WebSocket('ws://127.0.0.1:%1$d/');
            ws.onopen = reached;
            ws.onerror = failed;
            ws.onclose = failed;
          }),
        ].map(p => p.then(() => 'reached', () => 'failed'));
        navigator.sendBeacon('http://127.0.0.1:%1$d/api/jobs', job);
        Promise.all(tries).then(r => document.getElementById('out').textContent = r.join(' '));
        </script>
        <img src="/slow.png" alt="">
        </body></html>
        """
        .formatted(own);
  }

  static ToolOutput run(Tool tool, String url) throws IOException {
    return tool.run(
        ToolContext.of("job-own", 1, Path.of(".")),
        JsonNodeFactory.instance.objectNode().put("url", url));
  }

  @Test
  void web_fetch_refuses_coracles_port_by_name_by_address_and_by_redirect() {
    WebFetchTool tool = new WebFetchTool(loaded, new OwnPorts(loaded));
    int own = coracle.port();

    assertThatThrownBy(() -> run(tool, "http://localhost:" + own + "/api/jobs"))
        .isInstanceOf(ToolException.class)
        .hasMessage(
            "refused: localhost:"
                + own
                + " is coracle's HTTP API and MCP endpoint (server.port); tools never reach"
                + " coracle itself, whatever tools.web.allow-hosts says");
    assertThatThrownBy(() -> run(tool, "http://127.0.0.1:" + own + "/mcp"))
        .hasMessageContaining("is coracle's HTTP API");
    assertThatThrownBy(() -> run(tool, "http://0177.0.0.1:" + own + "/"))
        .hasMessageContaining("is coracle's HTTP API");
    assertThatThrownBy(() -> run(tool, web.url("/to-coracle")))
        .hasMessage(
            "redirect 1 to http://localhost:"
                + own
                + "/api/jobs: refused: localhost:"
                + own
                + " is coracle's HTTP API and MCP endpoint (server.port); tools never reach"
                + " coracle itself, whatever tools.web.allow-hosts says");
    assertThat(coracle.arrivals()).isEmpty();
  }

  @Test
  void a_page_in_browser_open_cannot_reach_coracles_port_in_any_way() throws Exception {
    BrowserOpenTool tool =
        new BrowserOpenTool(loaded, new OwnPorts(loaded), store.getBean(ArtifactStore.class));

    ToolOutput output = run(tool, web.url("/attack"));
    Thread.sleep(1000);

    assertThat(output.text())
        .contains("failed failed failed failed failed failed")
        .contains("  ws://127.0.0.1:" + coracle.port() + "/ — WebSockets are not opened")
        .contains(
            "  http://127.0.0.1:"
                + coracle.port()
                + "/api/jobs — refused: 127.0.0.1:"
                + coracle.port()
                + " is coracle's HTTP API and MCP endpoint (server.port)")
        .contains("  http://localhost:" + coracle.port() + "/api/jobs.png — refused: localhost:");
    assertThat(coracle.arrivals()).isEmpty();
  }

  @Test
  void browser_open_of_coracles_own_url_is_refused_before_a_browser_starts() {
    BrowserOpenTool tool =
        new BrowserOpenTool(loaded, new OwnPorts(loaded), store.getBean(ArtifactStore.class));

    assertThatThrownBy(() -> run(tool, "http://localhost:" + coracle.port() + "/"))
        .hasMessageContaining("is coracle's HTTP API");
    assertThat(coracle.arrivals()).isEmpty();
  }
}
