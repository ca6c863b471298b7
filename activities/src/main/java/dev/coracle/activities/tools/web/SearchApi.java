package dev.coracle.activities.tools.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.config.CoracleConfig.SearchConfig;
import dev.coracle.activities.tools.ToolException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;

/** The wire formats of the search providers: SearXNG's JSON API and the Brave Search API. */
final class SearchApi {

  static final String SEARXNG = "searxng";
  static final String BRAVE = "brave";
  static final String BRAVE_URL = "https://api.search.brave.com";

  /** One hit, as the tool shows it. */
  record Result(String title, String url, String snippet) {}

  private SearchApi() {}

  static HttpRequest request(SearchConfig config, String query, int count, Duration timeout) {
    String q = URLEncoder.encode(query, StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder().timeout(timeout).header("Accept", "application/json").GET();
    switch (config.kind()) {
      case SEARXNG ->
          request.uri(URI.create(base(config.url()) + "/search?q=" + q + "&format=json"));
      case BRAVE -> {
        if (config.apiKey() == null || config.apiKey().isBlank()) {
          throw new ToolException(
              "web_search needs a Brave Search API key: set tools.web.search.api-key"
                  + " (as a ${VAR} reference) in coracle.yml");
        }
        String url = config.url() == null || config.url().isBlank() ? BRAVE_URL : config.url();
        request
            .uri(URI.create(base(url) + "/res/v1/web/search?q=" + q + "&count=" + count))
            .header("X-Subscription-Token", config.apiKey());
      }
      default ->
          throw new ToolException(
              "web_search is not configured: set tools.web.search.kind to searxng or brave");
    }
    return request.build();
  }

  /** The results in the provider's order, at most {@code count}. */
  static List<Result> parse(String kind, JsonNode body, int count) {
    JsonNode hits = kind.equals(BRAVE) ? body.path("web").path("results") : body.path("results");
    String snippetField = kind.equals(BRAVE) ? "description" : "content";
    List<Result> results = new ArrayList<>();
    for (JsonNode hit : hits) {
      if (results.size() == count) {
        break;
      }
      String url = hit.path("url").asText("");
      if (!url.isEmpty()) {
        results.add(
            new Result(
                plain(hit.path("title").asText(url)),
                url,
                plain(hit.path(snippetField).asText(""))));
      }
    }
    return results;
  }

  /** Brave marks the query's words with {@code <strong>}; a model needs the words only. */
  private static String plain(String text) {
    return text.indexOf('<') < 0 ? text.strip() : Jsoup.parse(text).text().strip();
  }

  private static String base(String url) {
    String base = url.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }
}
