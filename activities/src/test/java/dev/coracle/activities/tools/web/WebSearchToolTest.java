package dev.coracle.activities.tools.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.activities.config.CoracleConfig.SearchConfig;
import dev.coracle.activities.config.CoracleConfig.WebConfig;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.workflows.chat.RequestClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** web_search against fake SearXNG and Brave servers on loopback. */
class WebSearchToolTest {

  static final String SEARXNG_ANSWER =
      """
      {"query": "brest tides", "results": [
        {"title": "Tide times Brest", "url": "https://tides.example/brest",
         "content": "High and low water for Brest, today and this week."},
        {"title": "Brest harbour", "url": "https://harbour.example/", "content": ""},
        {"title": "Third", "url": "https://third.example/", "content": "not wanted"}]}
      """;

  static final String BRAVE_ANSWER =
      """
      {"web": {"results": [
        {"title": "Tide times <strong>Brest</strong>", "url": "https://tides.example/brest",
         "description": "High water for <strong>Brest</strong> today."}]}}
      """;

  @TempDir Path dir;

  final LocalWeb web = new LocalWeb();
  final List<String> tokens = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    web.close();
  }

  WebSearchTool tool(String kind, String url, String apiKey) {
    // The search URL is the user's own and trusted: no allow-hosts entry is needed for loopback.
    return new WebSearchTool(
        new WebConfig(List.of(), 5, 1 << 20, new SearchConfig(kind, url, apiKey)), new OwnPorts());
  }

  ToolOutput search(WebSearchTool tool, String query, Integer count) throws IOException {
    ObjectNode args = JsonNodeFactory.instance.objectNode().put("query", query);
    if (count != null) {
      args.put("count", count);
    }
    return tool.run(ToolContext.of("job-1", 1, dir), args);
  }

  @Test
  void searxng_results_come_back_as_title_url_and_snippet() throws IOException {
    web.page("/search", "application/json", SEARXNG_ANSWER);

    ToolOutput output =
        search(tool("searxng", "http://127.0.0.1:" + web.port() + "/", ""), "brest tides", 2);

    assertThat(output.text())
        .isEqualTo(
            "1. Tide times Brest — https://tides.example/brest\n"
                + "   High and low water for Brest, today and this week.\n"
                + "2. Brest harbour — https://harbour.example/\n");
    assertThat(web.seen())
        .singleElement()
        .satisfies(seen -> assertThat(seen.uri()).isEqualTo("/search?q=brest+tides&format=json"));
  }

  @Test
  void brave_gets_the_subscription_token_and_its_markup_is_stripped() throws IOException {
    web.route(
        "/res/v1/web/search",
        exchange -> {
          tokens.add(exchange.getRequestHeaders().getFirst("X-Subscription-Token"));
          LocalWeb.send(exchange, 200, "application/json", BRAVE_ANSWER);
        });

    ToolOutput output =
        search(tool("brave", "http://127.0.0.1:" + web.port(), "key-123"), "brest", null);

    assertThat(output.text())
        .isEqualTo(
            "1. Tide times Brest — https://tides.example/brest\n   High water for Brest today.\n");
    assertThat(tokens).containsExactly("key-123");
    assertThat(web.seen().get(0).uri()).isEqualTo("/res/v1/web/search?q=brest&count=5");
  }

  @Test
  void a_searxng_without_the_json_format_gets_a_hint() {
    web.route("/search", exchange -> LocalWeb.send(exchange, 403, "text/html", "Forbidden"));

    assertThatThrownBy(
            () -> search(tool("searxng", "http://127.0.0.1:" + web.port(), ""), "x", null))
        .hasMessage(
            "the searxng search answered HTTP 403 (is json listed in search.formats of the SearXNG"
                + " instance's settings.yml?): Forbidden");
  }

  @Test
  void no_results_says_so() throws IOException {
    web.page("/search", "application/json", "{\"results\": []}");

    assertThat(search(tool("searxng", "http://127.0.0.1:" + web.port(), ""), "zzzz", null).text())
        .isEqualTo("No results for \"zzzz\".\n");
  }

  @Test
  void is_offered_only_when_a_provider_is_configured() {
    assertThat(tool("", "", "").availableFor(RequestClass.RESEARCH)).isFalse();
    assertThat(tool("searxng", "http://127.0.0.1:1", "").availableFor(RequestClass.RESEARCH))
        .isTrue();
    assertThatThrownBy(() -> search(tool("", "", ""), "x", null))
        .hasMessage("web_search is not configured: set tools.web.search.kind to searxng or brave");
  }

  @Test
  void a_search_url_on_coracles_own_port_is_refused_and_never_called() {
    web.page("/search", "application/json", SEARXNG_ANSWER);
    OwnPorts own =
        new OwnPorts().add(web.port(), "coracle's HTTP API and MCP endpoint (server.port)");
    WebSearchTool tool =
        new WebSearchTool(
            new WebConfig(
                List.of(),
                5,
                1 << 20,
                new SearchConfig("searxng", "http://localhost:" + web.port(), "")),
            own);

    assertThatThrownBy(() -> search(tool, "brest tides", 2))
        .hasMessage(
            "web_search will not call http://localhost:"
                + web.port()
                + "/search?q=brest+tides&format=json: refused: localhost:"
                + web.port()
                + " is coracle's HTTP API and MCP endpoint (server.port); tools never reach"
                + " coracle itself, whatever tools.web.allow-hosts says");
    assertThat(web.seen()).isEmpty();
  }

  @Test
  void a_redirect_of_the_search_is_followed_but_never_to_coracles_own_port() throws IOException {
    try (LocalWeb coracle = new LocalWeb()) {
      coracle.page("/api/jobs", "application/json", SEARXNG_ANSWER);
      web.redirect("/search", coracle.url("/api/jobs"));
      web.redirect("/moved/search", "/search-here");
      web.page("/search-here", "application/json", SEARXNG_ANSWER);
      OwnPorts own =
          new OwnPorts().add(coracle.port(), "coracle's HTTP API and MCP endpoint (server.port)");

      WebSearchTool redirected =
          new WebSearchTool(
              new WebConfig(
                  List.of(), 5, 1 << 20, new SearchConfig("searxng", web.url("/moved"), "")),
              own);
      assertThat(search(redirected, "brest", 1).text()).startsWith("1. Tide times Brest");

      WebSearchTool toCoracle =
          new WebSearchTool(
              new WebConfig(List.of(), 5, 1 << 20, new SearchConfig("searxng", web.url(""), "")),
              own);
      assertThatThrownBy(() -> search(toCoracle, "brest", 1))
          .hasMessageContaining("web_search will not call " + coracle.url("/api/jobs"))
          .hasMessageContaining("is coracle's HTTP API");
      assertThat(coracle.seen()).isEmpty();
    }
  }
}
