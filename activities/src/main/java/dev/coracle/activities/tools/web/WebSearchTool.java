package dev.coracle.activities.tools.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.config.CoracleConfig.SearchConfig;
import dev.coracle.activities.config.CoracleConfig.WebConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.activities.providers.LazyHttpClient;
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
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Searches the web through the configured provider. The provider's URL is the user's own choice, so
 * it is trusted: a SearXNG instance on this machine is the common case, and the SSRF guard does not
 * apply to it. Offered to the model only when {@code tools.web.search.kind} is set.
 */
@Singleton
public class WebSearchTool implements Tool {

  static final int DEFAULT_COUNT = 5;
  static final int MAX_COUNT = 20;
  static final int MAX_REDIRECTS = 5;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private static final ObjectMapper JSON = CoracleJson.mapper();

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
  private final LazyHttpClient http;
  private final OwnPorts ownPorts;

  @Inject
  public WebSearchTool(LoadedConfig loaded, OwnPorts ownPorts) {
    this(WebSettings.of(loaded), ownPorts);
  }

  public WebSearchTool(WebConfig web, OwnPorts ownPorts) {
    this.search = web.search();
    this.ownPorts = ownPorts;
    this.timeout = Duration.ofSeconds(web.timeoutSeconds());
    this.maxBytes = web.maxBytes();
    this.http =
        new LazyHttpClient(
            () ->
                HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    // Redirects are followed by hand, so that none leads to coracle's own ports.
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build());
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
    HttpRequest request = SearchApi.request(search, query, count, timeout);
    HttpResponse<InputStream> response = call(request);
    for (int hop = 0; REDIRECTS.contains(response.statusCode()) && hop < MAX_REDIRECTS; hop++) {
      String location = response.headers().firstValue("location").orElse(null);
      if (location == null) {
        break;
      }
      response.body().close();
      URI next;
      try {
        next = request.uri().resolve(location.strip());
      } catch (IllegalArgumentException e) {
        throw new ToolException("the " + search.kind() + " search redirected to " + location);
      }
      request = HttpRequest.newBuilder(request, (name, value) -> true).uri(next).build();
      response = call(request);
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

  private HttpResponse<InputStream> call(HttpRequest request) throws IOException {
    refuseOwnPorts(request.uri());
    try {
      return http.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new ToolException(
          "the " + search.kind() + " search did not answer in " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException("web_search was interrupted");
    }
  }

  /**
   * The search URL is trusted and not vetted by the SSRF guard, but neither it nor a redirect may
   * lead to coracle itself: a query the model writes would then be a request to coracle's API.
   */
  private void refuseOwnPorts(URI uri) {
    UrlAuthority authority;
    try {
      authority = UrlAuthority.of(uri, "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    } catch (IllegalArgumentException e) {
      throw new ToolException("web_search cannot call " + uri + ": " + e.getMessage());
    }
    UrlHost host = authority.host();
    InetAddress[] addresses;
    try {
      addresses =
          host.isIp() ? new InetAddress[] {host.address()} : InetAddress.getAllByName(host.text());
    } catch (UnknownHostException e) {
      // The HTTP client reports the unknown host itself.
      addresses = new InetAddress[0];
    }
    Optional<String> refusal = ownPorts.refusal(host.text(), authority.port(), addresses);
    if (refusal.isPresent()) {
      throw new ToolException("web_search will not call " + uri + ": " + refusal.get());
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
