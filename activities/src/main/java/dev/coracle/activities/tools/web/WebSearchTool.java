package dev.coracle.activities.tools.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.config.CoracleConfig.SearchConfig;
import dev.coracle.activities.config.CoracleConfig.WebConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolArgs;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Searches the web through the configured provider. The provider's URL is the user's own choice, so
 * it is trusted: a SearXNG instance on this machine is the common case, and the SSRF guard does not
 * apply to it. Offered to the model only when {@code tools.web.search.kind} is set.
 */
@Singleton
public class WebSearchTool implements Tool {

  static final int DEFAULT_COUNT = 5;
  static final int MAX_COUNT = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "web_search",
          "Search the web. Returns the top results, each as 'title — url' and a snippet. Read a"
              + " result in full with web_fetch.",
          """
          {"type": "object",
           "properties": {
             "query": {"type": "string", "description": "What to search for"},
             "count": {"type": "integer", "minimum": 1, "maximum": 20,
                       "description": "How many results to return (default 5)"}},
           "required": ["query"],
           "additionalProperties": false}
          """,
          null);

  private final SearchConfig search;
  private final Duration timeout;
  private final long maxBytes;
  private final HttpClient http;

  @Inject
  public WebSearchTool(LoadedConfig loaded) {
    this(WebSettings.of(loaded));
  }

  public WebSearchTool(WebConfig web) {
    this.search = web.search();
    this.timeout = Duration.ofSeconds(web.timeoutSeconds());
    this.maxBytes = web.maxBytes();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  /** Only when a provider is configured: a tool that always fails would waste the model's turns. */
  @Override
  public boolean availableFor(RequestClass requestClass) {
    return configured();
  }

  @Override
  public ToolOutput run(ToolContext context, JsonNode json) throws IOException {
    if (!configured()) {
      throw new ToolException(
          "web_search is not configured: set tools.web.search.kind to searxng or brave");
    }
    ToolArgs args = new ToolArgs(name(), json);
    String query = args.requiredString("query").strip();
    if (query.isEmpty()) {
      throw new ToolException("web_search needs a query that is not empty.");
    }
    int count = Math.max(1, Math.min(args.integer("count", DEFAULT_COUNT), MAX_COUNT));
    JsonNode body = send(query, count);
    return ToolOutput.ok(format(query, SearchApi.parse(search.kind(), body, count)));
  }

  private boolean configured() {
    return search != null && search.kind() != null && !search.kind().isBlank();
  }

  private JsonNode send(String query, int count) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              SearchApi.request(search, query, count, timeout),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new ToolException(
          "the " + search.kind() + " search did not answer in " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException("web_search was interrupted");
    }
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8));
    }
    if (response.statusCode() != 200) {
      throw new ToolException(failure(response.statusCode(), bytes));
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new ToolException("the " + search.kind() + " search answered something not JSON");
    }
  }

  private String failure(int status, byte[] bytes) {
    String body = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).strip();
    String hint =
        status == 403 && search.kind().equals(SearchApi.SEARXNG)
            ? " (is json listed in search.formats of the SearXNG instance's settings.yml?)"
            : status == 401 || status == 422 ? " (check tools.web.search.api-key)" : "";
    return "the " + search.kind() + " search answered HTTP " + status + hint + ": " + body;
  }

  private static String format(String query, List<SearchApi.Result> results) {
    if (results.isEmpty()) {
      return "No results for \"" + query + "\".\n";
    }
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (SearchApi.Result result : results) {
      out.append(++n).append(". ").append(result.title()).append(" — ").append(result.url());
      out.append('\n');
      if (!result.snippet().isEmpty()) {
        out.append("   ").append(result.snippet()).append('\n');
      }
    }
    return out.toString();
  }
}
