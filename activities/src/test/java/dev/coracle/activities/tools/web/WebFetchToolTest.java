package dev.coracle.activities.tools.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.coracle.activities.config.CoracleConfig.SearchConfig;
import dev.coracle.activities.config.CoracleConfig.WebConfig;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** web_fetch against a real HTTP server on loopback, which the tests allow explicitly. */
class WebFetchToolTest {

  static final String ARTICLE =
      """
      <!doctype html>
      <html><head><title> Tide tables </title>
      <style>body { color: red }</style><script>var secret = "tracking";</script></head>
      <body>
      <nav><a href="/">Home</a> <a href="/about">About</a></nav>
      <h1>Tides of  Brest</h1>
      <p>High water is at <b>06:12</b>,
         see <a href="/tables/brest">the full table</a>.</p>
      <ul><li>Spring tides</li><li>Neap tides<ul><li>quarter moon</li></ul></li></ul>
      <pre>time  height
      06:12 7.1 m</pre>
      <p>Call <code>tide --port brest</code><br>for more.</p>
      </body></html>
      """;

  @TempDir Path dir;

  final LocalWeb web = new LocalWeb();

  @AfterEach
  void stop() {
    web.close();
  }

  static WebConfig config(List<String> allowHosts, int timeoutSeconds, long maxBytes) {
    return new WebConfig(allowHosts, timeoutSeconds, maxBytes, new SearchConfig("", "", ""));
  }

  /** The allow-list entry for the test server: its loopback address and its port. */
  String loopbackEntry() {
    return "127.0.0.1:" + web.port();
  }

  ToolOutput fetch(WebFetchTool tool, String url) {
    JsonNode args = JsonNodeFactory.instance.objectNode().put("url", url);
    return tool.run(ToolContext.of("job-1", 1, dir), args);
  }

  WebFetchTool allowingLoopback() {
    return new WebFetchTool(config(List.of(loopbackEntry()), 5, 1 << 20), new OwnPorts());
  }

  @Test
  void renders_html_as_headings_paragraphs_list_items_links_and_code() {
    web.page("/tides", "text/html; charset=utf-8", ARTICLE);

    ToolOutput output = fetch(allowingLoopback(), web.url("/tides"));

    assertThat(output.error()).isFalse();
    assertThat(output.text())
        .isEqualTo(
            "URL: "
                + web.url("/tides")
                + "\nStatus: 200\nTitle: Tide tables\nContent-Type: text/html; charset=utf-8\n\n"
                + "# Tides of Brest\n\n"
                + "High water is at 06:12, see the full table ("
                + web.url("/tables/brest")
                + ").\n\n"
                + "- Spring tides\n- Neap tides\n  - quarter moon\n\n"
                + "```\ntime  height\n06:12 7.1 m\n```\n\n"
                + "Call `tide --port brest`\nfor more.\n");
    assertThat(output.text()).doesNotContain("tracking", "color: red", "About");
  }

  @Test
  void follows_redirects_and_names_the_final_url_and_where_it_started() {
    web.redirect("/old", "/moved").redirect("/moved", web.url("/new"));
    web.page("/new", "text/plain", "arrived");

    ToolOutput output = fetch(allowingLoopback(), web.url("/old"));

    assertThat(output.text())
        .startsWith("URL: " + web.url("/new") + "\nStatus: 200\n")
        .contains("Redirected from: " + web.url("/old") + "\n")
        .endsWith("\narrived\n");
  }

  @Test
  void connects_to_the_vetted_address_and_sends_the_host_name_it_was_asked_for() {
    web.page("/", "text/plain", "hello");
    AtomicInteger lookups = new AtomicInteger();
    // The first answer passes the guard; a later one (a rebind) would point elsewhere.
    SsrfGuard guard =
        new SsrfGuard(
            List.of(loopbackEntry()),
            new OwnPorts(),
            host ->
                lookups.getAndIncrement() == 0
                    ? new java.net.InetAddress[] {java.net.InetAddress.getLoopbackAddress()}
                    : new java.net.InetAddress[] {
                      java.net.InetAddress.getByName("169.254.169.254")
                    });
    WebFetchTool tool = new WebFetchTool(new WebFetcher(guard, Duration.ofSeconds(5), 1000), 1000);

    ToolOutput output = fetch(tool, "http://docs.example:" + web.port() + "/");

    assertThat(output.text()).endsWith("\nhello\n");
    assertThat(lookups).hasValue(1);
    assertThat(web.seen())
        .singleElement()
        .satisfies(
            seen -> {
              assertThat(seen.host()).isEqualTo("docs.example:" + web.port());
              assertThat(seen.uri()).isEqualTo("/");
            });
  }

  @Test
  void stops_reading_at_max_bytes_and_says_so() {
    String big = "x".repeat(100_000);
    web.page("/big", "text/plain", big);

    ToolOutput output =
        fetch(
            new WebFetchTool(config(List.of(loopbackEntry()), 5, 1000), new OwnPorts()),
            web.url("/big"));

    assertThat(output.text())
        .contains("Truncated: only the first 1000 bytes were read (tools.web.max-bytes)\n")
        .endsWith("\n\n" + "x".repeat(1000) + "\n");
  }

  @Test
  void reads_a_chunked_gzip_body() {
    web.route(
        "/zipped",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
          exchange.getResponseHeaders().add("Content-Encoding", "gzip");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(gzip("décompressé ".repeat(2000)));
          }
        });

    ToolOutput output = fetch(allowingLoopback(), web.url("/zipped"));

    assertThat(output.text()).endsWith("\n" + "décompressé ".repeat(2000).strip() + "\n");
  }

  @Test
  void gives_up_when_the_time_runs_out() {
    web.route(
        "/slow",
        exchange -> {
          try {
            Thread.sleep(5000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          LocalWeb.send(exchange, 200, "text/plain", "too late");
        });
    WebFetchTool tool = new WebFetchTool(config(List.of(loopbackEntry()), 1, 1000), new OwnPorts());
    long started = System.nanoTime();

    assertThatThrownBy(() -> fetch(tool, web.url("/slow")))
        .isInstanceOf(ToolException.class)
        .hasMessage("gave up on " + web.url("/slow") + " after 1 s (tools.web.timeout-seconds)");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void a_redirect_to_a_refused_address_is_refused_at_that_hop() {
    web.redirect("/innocent", "http://169.254.169.254/latest/meta-data/");

    assertThatThrownBy(() -> fetch(allowingLoopback(), web.url("/innocent")))
        .isInstanceOf(ToolException.class)
        .hasMessage(
            "redirect 1 to http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is"
                + " a link-local / cloud metadata address; allow it with tools.web.allow-hosts:"
                + " \"169.254.169.254:80\"");
  }

  @Test
  void a_redirect_loop_stops_after_five_hops() {
    web.redirect("/loop", "/loop");

    assertThatThrownBy(() -> fetch(allowingLoopback(), web.url("/loop")))
        .hasMessageContaining("redirects more than 5 times");
    assertThat(web.seen()).hasSize(6);
  }

  @Test
  void content_that_is_not_text_is_refused_before_its_body_is_read() {
    web.page("/logo.png", "image/png", "\u0089PNG");

    assertThatThrownBy(() -> fetch(allowingLoopback(), web.url("/logo.png")))
        .hasMessage(
            web.url("/logo.png")
                + " is image/png, not text; web_fetch reads web pages and text files only");
  }

  @Test
  void without_the_allow_list_the_local_server_is_refused_and_never_contacted() {
    web.page("/", "text/plain", "private");
    WebFetchTool tool = new WebFetchTool(config(List.of(), 5, 1000), new OwnPorts());

    assertThatThrownBy(() -> fetch(tool, web.url("/")))
        .hasMessage(
            "refused: 127.0.0.1 is a loopback address; allow it with tools.web.allow-hosts:"
                + " \"127.0.0.1:"
                + web.port()
                + "\"");
    assertThat(web.seen()).isEmpty();
  }

  @Test
  void an_error_status_is_reported_as_an_error_with_the_page() {
    web.route("/missing", exchange -> LocalWeb.send(exchange, 404, "text/plain", "no such tide"));

    ToolOutput output = fetch(allowingLoopback(), web.url("/missing"));

    assertThat(output.error()).isTrue();
    assertThat(output.text()).contains("Status: 404\n").endsWith("\nno such tide\n");
  }

  @Test
  void a_url_that_is_not_http_is_refused() {
    assertThatThrownBy(() -> fetch(allowingLoopback(), "file:///etc/passwd"))
        .hasMessage("only http and https URLs can be fetched, not file:");
    assertThat(URI.create(web.url("/"))).hasScheme("http");
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
