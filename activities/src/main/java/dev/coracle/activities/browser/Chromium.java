package dev.coracle.activities.browser;

import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How coracle starts Debian's chromium through Playwright, shared by the browser fallback (one
 * persistent profile per chat site) and the {@code browser_open} tool (a throwaway browser per
 * call), so both launch the same quiet chromium and fail with the same messages.
 */
public final class Chromium {

  /**
   * Quiet chromium: no background requests to Google, no updates or sync. {@code
   * --password-store=basic} makes the headed login window and the headless runs encrypt cookies the
   * same way; otherwise a desktop keyring would hold the key and a headless run without it would
   * find the profile signed out.
   */
  public static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-gpu",
          "--no-first-run",
          "--password-store=basic");

  public static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);

  private Chromium() {}

  /** The configured chromium, Debian's when none is configured. */
  public static Path executable(String configured) {
    return Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
  }

  /** Fails with an install hint when there is no chromium to launch. */
  public static Path requireExecutable(Path chromium) {
    if (!Files.isExecutable(chromium)) {
      throw new BrowserException(
          "chromium not found at "
              + chromium
              + ": install it (apt-get install chromium) or set browser.chromium in coracle.yml");
    }
    return chromium;
  }

  /**
   * Starts the Playwright driver (its script, unpacked from the playwright jars into a temporary
   * directory, run by the machine's Node.js: see {@link DriverNode}) as a child process. It must
   * not download browsers: chromium is the system's. Closing the driver ends every chromium it
   * started.
   */
  public static Playwright startDriver() {
    Map<String, String> env = new HashMap<>();
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    DriverNode.find(System.getenv(DriverNode.VARIABLE), System.getenv("PATH"))
        .ifPresent(node -> env.put(DriverNode.VARIABLE, node.toString()));
    try {
      return Playwright.create(new Playwright.CreateOptions().setEnv(env));
    } catch (RuntimeException e) {
      throw new BrowserException(
          "the Playwright driver did not start: " + firstLine(rootMessage(e)), e);
    }
  }

  /** The first line of a Playwright message, which goes on with a call log nobody needs. */
  public static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    return message.strip().lines().findFirst().orElse("");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
