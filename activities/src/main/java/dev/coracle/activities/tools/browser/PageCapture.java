package dev.coracle.activities.tools.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.ScreenshotType;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import com.microsoft.playwright.options.WaitUntilState;
import dev.coracle.activities.browser.Chromium;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.web.Deadline;
import dev.coracle.activities.tools.web.SsrfGuard;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Opens one page in a throwaway headless chromium and takes what a reader sees: the rendered DOM,
 * the title and a screenshot. A browser per call costs a second or two to start, but holds no
 * memory between calls and shares no cookies or cache between jobs.
 */
final class PageCapture {

  /** A full-page screenshot of an endless page is taken again as just the first screen. */
  static final int MAX_SCREENSHOT_BYTES = 8 * 1024 * 1024;

  private static final Duration SCREENSHOT_TIMEOUT = Duration.ofSeconds(20);

  /**
   * What the page showed.
   *
   * @param status the HTTP status of the page itself; 0 when there was no response
   * @param loaded false when the load event had not come by the deadline
   * @param blocked requests refused by the guard, as {@code url — reason}
   */
  record Capture(
      String url,
      int status,
      String title,
      String html,
      byte[] png,
      boolean fullPage,
      boolean loaded,
      List<String> blocked) {}

  private PageCapture() {}

  static Capture open(
      Path chromium, SsrfGuard guard, SsrfGuard.Target target, Duration timeout, long maxBytes) {
    Chromium.requireExecutable(chromium);
    try (NetworkSeal seal = new NetworkSeal();
        Playwright playwright = Chromium.startDriver();
        Browser browser =
            playwright
                .chromium()
                .launch(
                    new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium)
                        .setHeadless(true)
                        .setArgs(seal.chromiumArgs())
                        .setTimeout(Chromium.LAUNCH_TIMEOUT.toMillis()));
        BrowserContext context =
            browser.newContext(
                new Browser.NewContextOptions()
                    .setViewportSize(1280, 800)
                    // A service worker's fetches would not pass through the routes.
                    .setServiceWorkers(ServiceWorkerPolicy.BLOCK)
                    .setAcceptDownloads(false))) {
      // Starting chromium has its own limit; the timeout is for the page.
      Deadline deadline = Deadline.in(timeout);
      PinnedRoutes routes = new PinnedRoutes(guard, deadline, maxBytes);
      context.route(Pattern.compile(".*"), routes::handle);
      context.routeWebSocket(Pattern.compile(".*"), routes::refuse);
      Page page = context.newPage();
      Response response = navigate(page, target, deadline, routes);
      boolean loaded = waitForLoad(page, deadline);
      byte[] png = screenshot(page, true);
      boolean fullPage = png.length <= MAX_SCREENSHOT_BYTES;
      if (!fullPage) {
        png = screenshot(page, false);
      }
      return new Capture(
          page.url(),
          response == null ? 0 : response.status(),
          page.title(),
          page.content(),
          png,
          fullPage,
          loaded,
          routes.blocked());
    } catch (PlaywrightException e) {
      throw new ToolException(
          "browser_open failed on " + target.uri() + ": " + Chromium.firstLine(e.getMessage()));
    }
  }

  /** Opens the page, following its redirects as new navigations so each hop is routed. */
  private static Response navigate(
      Page page, SsrfGuard.Target target, Deadline deadline, PinnedRoutes routes) {
    URI uri = target.uri();
    for (int hop = 0; ; hop++) {
      try {
        return page.navigate(
            uri.toString(),
            new Page.NavigateOptions()
                .setWaitUntil(WaitUntilState.DOMCONTENTLOADED)
                .setTimeout(deadline.remainingMillis()));
      } catch (PlaywrightException e) {
        URI next = routes.takePageRedirect();
        if (next == null) {
          throw new ToolException(
              "browser_open could not open " + target.uri() + ": " + reason(e, routes));
        }
        if (hop == PinnedRoutes.MAX_REDIRECTS) {
          throw new ToolException(
              target.uri() + " redirects more than " + PinnedRoutes.MAX_REDIRECTS + " times");
        }
        uri = next;
      }
    }
  }

  /** A refused page says why, rather than net::ERR_BLOCKED_BY_CLIENT. */
  private static String reason(PlaywrightException e, PinnedRoutes routes) {
    List<String> blocked = routes.blocked();
    return blocked.isEmpty() ? Chromium.firstLine(e.getMessage()) : blocked.get(blocked.size() - 1);
  }

  private static boolean waitForLoad(Page page, Deadline deadline) {
    try {
      page.waitForLoadState(
          LoadState.LOAD,
          new Page.WaitForLoadStateOptions().setTimeout(deadline.remainingMillis()));
      return true;
    } catch (TimeoutError e) {
      return false;
    }
  }

  private static byte[] screenshot(Page page, boolean fullPage) {
    return page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(fullPage)
            .setType(ScreenshotType.PNG)
            .setTimeout(SCREENSHOT_TIMEOUT.toMillis()));
  }
}
