package dev.coracle.activities.tools.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.coracle.activities.browser.Chromium;
import dev.coracle.activities.config.CoracleConfig.SearchConfig;
import dev.coracle.activities.config.CoracleConfig.WebConfig;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.store.TestStore;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.activities.tools.web.Canary;
import dev.coracle.activities.tools.web.LocalWeb;
import dev.coracle.activities.tools.web.OwnPorts;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * browser_open leaves chromium no network of its own: a page's WebRTC (STUN and TURN over UDP and
 * TCP), WebTransport, preconnects and speculation-rules prefetches to a blocked loopback address
 * send nothing there. Playwright's routes never see any of these (a prefetch is a whole GET that
 * bypasses them). Real chromium, real listeners; a control run of an unsealed chromium with routes
 * shows the listeners do hear the same page.
 */
class BrowserNetworkSealIT {

  /** Long enough for ICE gathering and preconnects to have been tried several times. */
  static final long SETTLE_MILLIS = 3000;

  @TempDir Path dir;

  ApplicationContext store;
  LocalWeb web;
  Canary rtc;
  Canary prefetch;

  @BeforeEach
  void start() {
    store = TestStore.start(dir.resolve("coracle.db"), Clock.systemUTC());
    rtc = new Canary();
    prefetch = new Canary();
    web =
        new LocalWeb()
            .page("/leaky", "text/html; charset=utf-8", leakyPage(rtc.port(), prefetch.port()))
            .route(
                "/slow.png",
                exchange -> {
                  // Keeps the page loading while WebRTC gathers candidates.
                  sleep(SETTLE_MILLIS);
                  LocalWeb.send(exchange, 404, "text/plain", "none");
                });
  }

  @AfterEach
  void stop() {
    web.close();
    rtc.close();
    prefetch.close();
    store.close();
  }

  static String leakyPage(int rtcPort, int prefetchPort) {
    return """
        <!doctype html>
        <html><head><title>Leaky</title>
        <link rel="preconnect" href="http://127.0.0.1:%2$d/">
        <link rel="preconnect" href="https://127.0.0.1:%2$d/" crossorigin>
        <link rel="dns-prefetch" href="http://127.0.0.1:%2$d/">
        <script type="speculationrules">
        {"prefetch": [{"source": "list", "urls": ["http://127.0.0.1:%2$d/api/jobs"]}]}
        </script>
        </head><body>
        <p id="out">not started</p>
        <script>
        const pc = new RTCPeerConnection({iceServers: [
          {urls: 'stun:127.0.0.1:%1$d'},
          {urls: ['turn:127.0.0.1:%1$d?transport=udp', 'turn:127.0.0.1:%1$d?transport=tcp'],
           username: 'u', credential: 'p'}]});
        pc.createDataChannel('leak');
        pc.createOffer().then(offer => pc.setLocalDescription(offer));
        try { new WebTransport('https://127.0.0.1:%1$d/').ready.catch(() => {}); } catch (e) {}
        document.getElementById('out').textContent = 'WebRTC started';
        </script>
        <img src="/slow.png" alt="">
        </body></html>
        """
        .formatted(rtcPort, prefetchPort);
  }

  @Test
  void webrtc_webtransport_preconnects_and_prefetches_to_a_blocked_address_send_nothing_there() {
    BrowserOpenTool tool =
        new BrowserOpenTool(
            new WebConfig(
                List.of("127.0.0.1:" + web.port()), 20, 1 << 20, new SearchConfig("", "", "")),
            new OwnPorts(),
            "/usr/bin/chromium",
            store.getBean(ArtifactStore.class));

    ToolOutput output =
        tool.run(
            ToolContext.of("job-seal", 1, dir),
            JsonNodeFactory.instance.objectNode().put("url", web.url("/leaky")));
    sleep(1000);

    assertThat(output.text()).contains("WebRTC started");
    assertThat(rtc.arrivals()).isEmpty();
    assertThat(prefetch.arrivals()).isEmpty();
  }

  @Test
  void control_an_unsealed_chromium_does_reach_the_listeners_with_the_same_page() {
    try (Playwright playwright = Chromium.startDriver();
        Browser browser =
            playwright
                .chromium()
                .launch(
                    new BrowserType.LaunchOptions()
                        .setExecutablePath(Path.of("/usr/bin/chromium"))
                        .setHeadless(true)
                        .setArgs(Chromium.ARGS))) {
      // The same fresh context and routes as browser_open; only the seal is missing.
      BrowserContext context = browser.newContext();
      context.route(
          Pattern.compile(".*"),
          route -> {
            if (route.request().url().startsWith(web.url("/"))) {
              route.resume();
            } else {
              route.abort("blockedbyclient");
            }
          });
      Page page = context.newPage();
      page.navigate(web.url("/leaky"));
      page.waitForTimeout(SETTLE_MILLIS);
    }

    assertThat(rtc.arrivals()).anyMatch(line -> line.startsWith("udp "));
    assertThat(prefetch.arrivals()).anyMatch(line -> line.startsWith("tcp "));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
