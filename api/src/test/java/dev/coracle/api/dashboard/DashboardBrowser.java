package dev.coracle.api.dashboard;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.coracle.activities.browser.Chromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Debian's Chromium driven by Playwright, as a person opens the dashboard; and, when asked for with
 * {@code -Ddashboard.screenshots=<dir>} (or {@code DASHBOARD_SCREENSHOTS}), the screenshots that
 * docs/dashboard.md shows.
 */
final class DashboardBrowser implements AutoCloseable {
  private final Playwright playwright;
  final Browser browser;

  DashboardBrowser() {
    playwright = Chromium.startDriver();
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Chromium.executable(null))
                    .setHeadless(true)
                    .setArgs(Chromium.ARGS));
  }

  /** A fresh page (its own cookies) the size of a laptop screen. */
  Page newPage() {
    return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
  }

  /** Saves a full-page screenshot as {@code name}.png when screenshots were asked for. */
  static void screenshot(Page page, String name) {
    Optional<Path> dir = screenshotDir();
    if (dir.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(dir.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    page.screenshot(
        new Page.ScreenshotOptions().setPath(dir.get().resolve(name + ".png")).setFullPage(true));
  }

  private static Optional<Path> screenshotDir() {
    String dir =
        System.getProperty("dashboard.screenshots", System.getenv("DASHBOARD_SCREENSHOTS"));
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
