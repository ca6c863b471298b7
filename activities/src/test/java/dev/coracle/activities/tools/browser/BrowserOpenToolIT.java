package dev.coracle.activities.tools.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.coracle.activities.config.CoracleConfig.SearchConfig;
import dev.coracle.activities.config.CoracleConfig.WebConfig;
import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.store.TestStore;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.activities.tools.web.LocalWeb;
import dev.coracle.activities.tools.web.OwnPorts;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** browser_open against a page on loopback in real, headless Debian chromium. */
class BrowserOpenToolIT {

  static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static final String APP =
      """
      <!doctype html>
      <html><head><title>Harbour board</title></head>
      <body>
      <h1>Departures</h1>
      <p id="out">loading…</p>
      <img src="http://169.254.169.254/latest/meta-data/logo.png" alt="">
      <img src="/badge" alt="">
      <script>document.getElementById('out').textContent = 'Ferry to Ouessant at ' + (6 + 3) + ':30';</script>
      </body></html>
      """;

  @TempDir static Path dir;

  static ApplicationContext store;
  static ArtifactStore artifacts;
  static LocalWeb web;

  @BeforeAll
  static void start() {
    store = TestStore.start(dir.resolve("coracle.db"), Clock.systemUTC());
    artifacts = store.getBean(ArtifactStore.class);
    web =
        new LocalWeb()
            .page("/app", "text/html; charset=utf-8", APP)
            .redirect("/go", "http://169.254.169.254/latest/meta-data/")
            .redirect("/badge", "http://10.0.0.1/badge.png")
            .redirect("/short", "/app");
  }

  @AfterAll
  static void stop() {
    web.close();
    store.close();
  }

  static BrowserOpenTool tool(List<String> allowHosts) {
    return new BrowserOpenTool(
        new WebConfig(allowHosts, 20, 1 << 20, new SearchConfig("", "", "")),
        new OwnPorts(),
        "/usr/bin/chromium",
        artifacts);
  }

  static ToolOutput open(BrowserOpenTool tool, String url) {
    return tool.run(
        ToolContext.of("job-7", 3, dir), JsonNodeFactory.instance.objectNode().put("url", url));
  }

  @Test
  void returns_the_text_scripts_wrote_and_stores_a_png_screenshot_of_the_page() {
    ToolOutput output = open(tool(List.of("127.0.0.1:" + web.port())), web.url("/app"));

    assertThat(output.error()).isFalse();
    assertThat(output.text())
        .startsWith("URL: " + web.url("/app") + "\nStatus: 200\nTitle: Harbour board\n")
        .contains("\n# Departures\n\nFerry to Ouessant at 9:30\n")
        .doesNotContain("loading…");
    Matcher id =
        Pattern.compile("Screenshot: artifact (art-\\w+) \\(image/png, \\d+ bytes, full page\\)")
            .matcher(output.text());
    assertThat(id.find()).as(output.text()).isTrue();
    Artifact screenshot = artifacts.get(id.group(1)).orElseThrow();
    assertThat(screenshot.jobId()).isEqualTo("job-7");
    assertThat(screenshot.kind()).isEqualTo("screenshot");
    assertThat(screenshot.mediaType()).isEqualTo("image/png");
    assertThat(Arrays.copyOf(screenshot.content(), 8)).isEqualTo(PNG_MAGIC);
    assertThat(screenshot.content().length).isGreaterThan(1000);
  }

  @Test
  void requests_the_page_makes_to_refused_addresses_directly_or_by_redirect_are_blocked() {
    ToolOutput output = open(tool(List.of("127.0.0.1:" + web.port())), web.url("/app"));

    assertThat(output.text())
        .contains(
            "  http://169.254.169.254/latest/meta-data/logo.png — refused: 169.254.169.254 is a"
                + " link-local / cloud metadata address; allow it with tools.web.allow-hosts:"
                + " \"169.254.169.254:80\"\n")
        .contains(
            "  http://10.0.0.1/badge.png — refused: 10.0.0.1 is a private address; allow it with"
                + " tools.web.allow-hosts: \"10.0.0.1:80\"\n")
        .contains("Blocked: 2 request(s)\n");
  }

  @Test
  void a_redirect_of_the_page_to_an_allowed_address_is_followed() {
    ToolOutput output = open(tool(List.of("127.0.0.1:" + web.port())), web.url("/short"));

    assertThat(output.text())
        .startsWith("URL: " + web.url("/app") + "\nStatus: 200\n")
        .contains("Ferry to Ouessant at 9:30");
  }

  @Test
  void a_redirect_of_the_page_to_a_refused_address_is_refused() {
    assertThatThrownBy(() -> open(tool(List.of("127.0.0.1:" + web.port())), web.url("/go")))
        .isInstanceOf(ToolException.class)
        .hasMessage(
            "browser_open could not open "
                + web.url("/go")
                + ": http://169.254.169.254/latest/meta-data/ — refused: 169.254.169.254 is a"
                + " link-local / cloud metadata address; allow it with tools.web.allow-hosts:"
                + " \"169.254.169.254:80\"");
  }

  @Test
  void without_the_allow_list_the_local_page_is_refused_before_a_browser_starts() {
    int before = web.seen().size();

    assertThatThrownBy(() -> open(tool(List.of()), web.url("/app")))
        .hasMessage(
            "refused: 127.0.0.1 is a loopback address; allow it with tools.web.allow-hosts:"
                + " \"127.0.0.1:"
                + web.port()
                + "\"");
    assertThat(web.seen()).hasSize(before);
  }
}
