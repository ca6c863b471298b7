package dev.coracle.activities.tools.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.config.CoracleConfig.WebConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolArgs;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;

/** Fetches a web page and returns it as readable text, after a header naming what was read. */
@Singleton
public class WebFetchTool implements Tool {

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "web_fetch",
          "Fetch an http(s) URL and return the page as readable text (headings, paragraphs, list"
              + " items, links as 'text (url)', code blocks), after a header with the final URL,"
              + " HTTP status and title. Text, HTML, JSON and XML only. Addresses on this machine"
              + " or its private network are refused.",
          """
          {"type": "object",
           "properties": {
             "url": {"type": "string", "description": "The http or https URL to fetch"}},
           "required": ["url"],
           "additionalProperties": false}
          """,
          null);

  private final WebFetcher fetcher;
  private final long maxBytes;

  @Inject
  public WebFetchTool(LoadedConfig loaded, OwnPorts ownPorts) {
    this(WebSettings.of(loaded), ownPorts);
  }

  public WebFetchTool(WebConfig web, OwnPorts ownPorts) {
    this(
        new WebFetcher(
            new SsrfGuard(web.allowHosts(), ownPorts),
            Duration.ofSeconds(web.timeoutSeconds()),
            web.maxBytes()),
        web.maxBytes());
  }

  WebFetchTool(WebFetcher fetcher, long maxBytes) {
    this.fetcher = fetcher;
    this.maxBytes = maxBytes;
  }

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public ToolOutput run(ToolContext context, JsonNode json) {
    URI uri = parseUrl(new ToolArgs(name(), json).requiredString("url"));
    FetchedPage page = fetcher.fetch(uri);
    PageText text = PageText.of(page);
    StringBuilder out = new StringBuilder();
    out.append("URL: ").append(page.uri()).append('\n');
    out.append("Status: ").append(page.status()).append('\n');
    if (!text.title().isEmpty()) {
      out.append("Title: ").append(text.title()).append('\n');
    }
    if (page.contentType() != null) {
      out.append("Content-Type: ").append(page.contentType()).append('\n');
    }
    if (page.redirects() > 0) {
      out.append("Redirected from: ").append(page.requested()).append('\n');
    }
    if (page.truncated()) {
      out.append("Truncated: only the first ")
          .append(maxBytes)
          .append(" bytes were read (tools.web.max-bytes)\n");
    }
    out.append('\n').append(text.text().strip()).append('\n');
    return page.status() >= 400 ? ToolOutput.error(out.toString()) : ToolOutput.ok(out.toString());
  }

  /** A URL as a model writes it: surrounding spaces and angle brackets are forgiven. */
  public static URI parseUrl(String url) {
    String trimmed = url.strip();
    if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    try {
      return URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new ToolException("\"" + url + "\" is not a valid URL: " + e.getMessage());
    }
  }
}
