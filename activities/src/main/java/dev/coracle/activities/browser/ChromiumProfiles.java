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
import java.util.Optional;

/**
 * Starts Debian's chromium through Playwright with one persistent profile per site, under {@code
 * $CORACLE_HOME/browser/<site>}, so a session the user signed in with once is there on every
 * launch. Not thread-safe: callers hold a lock, as Playwright requires.
 */
final class ChromiumProfiles implements AutoCloseable {

  private final Path chromium;
  private final Path home;
  private Playwright playwright;

  ChromiumProfiles(String chromium, Path home) {
    this.chromium = Chromium.executable(chromium);
    this.home = home;
  }

  /** Where a site's profile lives. */
  static Path profileDir(Path home, String site) {
    return home.resolve("browser").resolve(BrowserSites.checkName(site));
  }

  /** Launches chromium on the site's profile; the context's first page is ready to use. */
  BrowserContext launch(String site, boolean headless) {
    Chromium.requireExecutable(chromium);
    Path profile = prepareProfile(site);
    BrowserType.LaunchPersistentContextOptions options =
        new BrowserType.LaunchPersistentContextOptions()
            .setExecutablePath(chromium)
            .setHeadless(headless)
            .setArgs(Chromium.ARGS)
            .setTimeout(Chromium.LAUNCH_TIMEOUT.toMillis());
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

  private Playwright playwright() {
    if (playwright == null) {
      playwright = Chromium.startDriver();
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
    return Chromium.firstLine(message);
  }
}
