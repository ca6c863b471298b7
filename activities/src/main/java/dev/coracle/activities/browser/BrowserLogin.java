package dev.coracle.activities.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import dev.coracle.activities.config.CoracleConfig.BrowserConfig;
import dev.coracle.activities.config.CoracleConfig.BrowserSite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Signing in to a chat site once, in a visible chromium window on the same profile the headless
 * fallback uses, and checking later whether that session still holds. Used by {@code coracle
 * browser login} and {@code coracle browser check}; neither needs the site to be enabled.
 */
public final class BrowserLogin implements AutoCloseable {
  private static final Duration MAX_LOGIN = Duration.ofMinutes(30);
  private static final Duration MAX_CHECK = Duration.ofSeconds(30);

  private final BrowserConfig config;
  private final Map<String, String> env;
  private final ChromiumProfiles profiles;

  /**
   * @param env the environment, for {@code DISPLAY} and {@code WAYLAND_DISPLAY}
   */
  public BrowserLogin(BrowserConfig config, Path home, Map<String, String> env) {
    this.config = config;
    this.env = env;
    this.profiles = new ChromiumProfiles(config.chromium(), home);
  }

  /**
   * Opens the site in a visible window and waits until the user closes it, or presses Enter on
   * {@code in}, then checks the session headless.
   *
   * @throws BrowserException on an unknown site, no display, or chromium that does not start
   */
  public SiteCheck login(String siteName, PrintStream out, InputStream in) {
    BrowserSite site = BrowserSites.require(config, siteName);
    requireDisplay();
    BrowserContext context = profiles.launch(site.name(), false);
    try {
      Page page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
      try {
        page.navigate(site.url());
      } catch (PlaywrightException e) {
        // A slow or failing page is no reason to take the window away: the user can retry in it.
        out.println(
            "Loading " + site.url() + " failed: " + ChromiumProfiles.firstLine(e.getMessage()));
      }
      out.println(
          "A chromium window is open on "
              + site.url()
              + ". Sign in there, then close the window (or press Enter here).");
      out.flush();
      awaitWindowClosed(context, enterPressed(in));
    } catch (PlaywrightException e) {
      // The user closed the window while Playwright was talking to it; the check below tells.
    } finally {
      closeQuietly(context);
    }
    return check(site.name());
  }

  /** Opens the site headless on its profile and reports what the page shows. */
  public SiteCheck check(String siteName) {
    BrowserSite site = BrowserSites.require(config, siteName);
    Duration timeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
    BrowserContext context = profiles.launch(site.name(), true);
    try {
      Page page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
      SitePage sitePage = new SitePage(page, site);
      sitePage.open(timeout);
      Duration wait = timeout.compareTo(MAX_CHECK) < 0 ? timeout : MAX_CHECK;
      return sitePage.awaitReady(Instant.now().plus(wait));
    } catch (PlaywrightException e) {
      throw new BrowserException(
          "could not open " + site.url() + ": " + ChromiumProfiles.firstLine(e.getMessage()), e);
    } finally {
      closeQuietly(context);
    }
  }

  /** Headed chromium on Linux needs a desktop session to draw its window in. */
  void requireDisplay() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("linux") && blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"))) {
      throw new BrowserException(
          "no display: `coracle browser login` opens a visible chromium window, and neither DISPLAY"
              + " nor WAYLAND_DISPLAY is set; run it in a desktop session (or over ssh -X)");
    }
  }

  /**
   * Returns once every window of the context is closed, Enter was pressed, or half an hour passed.
   * Waiting on a page lets Playwright deliver the close events.
   */
  private static void awaitWindowClosed(BrowserContext context, AtomicBoolean enter) {
    Instant deadline = Instant.now().plus(MAX_LOGIN);
    while (!context.isClosed() && !enter.get() && Instant.now().isBefore(deadline)) {
      List<Page> pages = context.pages();
      if (pages.isEmpty()) {
        return;
      }
      try {
        pages.get(0).waitForTimeout(SitePage.POLL.toMillis() * 3);
      } catch (PlaywrightException e) {
        // That page closed while we waited; look at what is left.
      }
    }
  }

  /**
   * Watches {@code in} for a line. End of input (no terminal) is not Enter: then only closing the
   * window ends the login.
   */
  private static AtomicBoolean enterPressed(InputStream in) {
    AtomicBoolean pressed = new AtomicBoolean();
    if (in == null) {
      return pressed;
    }
    Thread reader =
        new Thread(
            () -> {
              try {
                BufferedReader lines =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                if (lines.readLine() != null) {
                  pressed.set(true);
                }
              } catch (IOException e) {
                // No terminal to read; the window decides.
              }
            },
            "coracle-login-enter");
    reader.setDaemon(true);
    reader.start();
    return pressed;
  }

  private static void closeQuietly(BrowserContext context) {
    try {
      context.close();
    } catch (PlaywrightException e) {
      // Already closed by the user.
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public void close() {
    profiles.close();
  }
}
