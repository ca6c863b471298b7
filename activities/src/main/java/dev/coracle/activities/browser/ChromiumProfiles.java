package dev.coracle.activities.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts Debian's chromium through Playwright with one persistent profile per site, under {@code
 * $CORACLE_HOME/browser/<site>}, so a session the user signed in with once is there on every
 * launch. Not thread-safe: callers hold a lock, as Playwright requires.
 */
final class ChromiumProfiles implements AutoCloseable {

  /**
   * Quiet chromium: no background requests to Google, no updates or sync. {@code
   * --password-store=basic} makes the headed login window and the headless runs encrypt cookies the
   * same way; otherwise a desktop keyring would hold the key and a headless run without it would
   * find the profile signed out.
   */
  static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-gpu",
          "--no-first-run",
          "--password-store=basic");

  private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);

  private final Path chromium;
  private final Path home;
  private Playwright playwright;

  ChromiumProfiles(String chromium, Path home) {
    this.chromium =
        Path.of(chromium == null || chromium.isBlank() ? "/usr/bin/chromium" : chromium);
    this.home = home;
  }

  /** Where a site's profile lives. */
  static Path profileDir(Path home, String site) {
    return home.resolve("browser").resolve(BrowserSites.checkName(site));
  }

  /** Launches chromium on the site's profile; the context's first page is ready to use. */
  BrowserContext launch(String site, boolean headless) {
    if (!Files.isExecutable(chromium)) {
      throw new BrowserException(
          "chromium not found at "
              + chromium
              + ": install it (apt-get install chromium) or set browser.chromium in coracle.yml");
    }
    Path profile = prepareProfile(site);
    BrowserType.LaunchPersistentContextOptions options =
        new BrowserType.LaunchPersistentContextOptions()
            .setExecutablePath(chromium)
            .setHeadless(headless)
            .setArgs(ARGS)
            .setTimeout(LAUNCH_TIMEOUT.toMillis());
    if (!headless) {
      // A visible window should take the size the user gives it, not an emulated 1280x720.
      options.setViewportSize(null);
    }
    try {
      return playwright().chromium().launchPersistentContext(profile, options);
    } catch (PlaywrightException e) {
      throw new BrowserException(
          "chromium did not start on profile " + profile + ": " + firstLine(e.getMessage()), e);
    }
  }

  private Path prepareProfile(String site) {
    Path profile = profileDir(home, site);
    try {
      Files.createDirectories(profile.getParent());
      if (!Files.isDirectory(profile)) {
        Files.createDirectory(profile);
        // The profile holds the user's session cookies: as sensitive as a password.
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(profile, PosixFilePermissions.fromString("rwx------"));
        }
      }
    } catch (IOException e) {
      throw new BrowserException("cannot create browser profile " + profile + ": " + e, e);
    }
    lockHolder(profile)
        .ifPresent(
            pid -> {
              throw new BrowserException(
                  "browser profile "
                      + profile
                      + " is in use by chromium (pid "
                      + pid
                      + "); close it first (is `coracle serve` or `coracle browser login`"
                      + " running?)");
            });
    return profile;
  }

  /**
   * The live chromium that holds the profile, if any. Chromium marks a profile in use with a {@code
   * SingletonLock} symlink to {@code <hostname>-<pid>}; a second chromium on the same profile would
   * hand over to the first and exit, which Playwright reports as a failed launch.
   */
  static Optional<Long> lockHolder(Path profile) {
    Path lock = profile.resolve("SingletonLock");
    if (!Files.isSymbolicLink(lock)) {
      return Optional.empty();
    }
    try {
      String target = Files.readSymbolicLink(lock).toString();
      long pid = Long.parseLong(target.substring(target.lastIndexOf('-') + 1));
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(process -> process.info().command().map(c -> c.contains("chrom")).orElse(true))
          .map(ProcessHandle::pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Playwright runs its driver (Node.js and a script, both unpacked from the playwright jars into a
   * temporary directory) as a child process. It must not download browsers: chromium is the
   * system's.
   */
  private Playwright playwright() {
    if (playwright == null) {
      try {
        playwright =
            Playwright.create(
                new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      } catch (RuntimeException e) {
        throw new BrowserException(
            "the Playwright driver did not start: " + firstLine(rootMessage(e)), e);
      }
    }
    return playwright;
  }

  /** Stops the driver, which ends every chromium it started. Close contexts first to save them. */
  @Override
  public void close() {
    if (playwright != null) {
      try {
        playwright.close();
      } catch (RuntimeException e) {
        // The driver may already be gone; there is nothing left to release.
      }
      playwright = null;
    }
  }

  static String firstLine(String message) {
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
