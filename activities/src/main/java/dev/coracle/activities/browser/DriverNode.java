package dev.coracle.activities.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The Node.js that runs Playwright's driver. coracle does not ship Playwright's {@code
 * driver-bundle} (Node.js for five platforms, about 200 MB of the jar); Playwright documents that
 * it can be left out when Node.js is installed, and then runs the driver with the Node.js named in
 * {@code PLAYWRIGHT_NODEJS_PATH}. This finds that Node.js: the variable when it is set, otherwise
 * {@code node} on the {@code PATH}.
 */
final class DriverNode {
  static final String VARIABLE = "PLAYWRIGHT_NODEJS_PATH";

  private DriverNode() {}

  /**
   * The Node.js to hand to Playwright, or empty when the driver brings its own (its {@code
   * driver-bundle} is on the class path, as a developer may add it).
   *
   * @throws BrowserException when there is neither
   */
  static Optional<Path> find(String variable, String path) {
    if (bundled()) {
      return Optional.empty();
    }
    if (variable != null && !variable.isBlank()) {
      Path named = Path.of(variable.strip());
      if (!Files.isExecutable(named)) {
        throw new BrowserException(VARIABLE + " names " + named + ", which is not an executable");
      }
      return Optional.of(named);
    }
    return onPath(path, windows() ? "node.exe" : "node")
        .map(Optional::of)
        .orElseThrow(
            () ->
                new BrowserException(
                    "the browser needs Node.js 20 or newer to run Playwright's driver: install it"
                        + " (apt-get install nodejs) or set "
                        + VARIABLE));
  }

  private static boolean bundled() {
    return DriverNode.class.getClassLoader().getResource("driver/" + platformDir() + "/") != null;
  }

  static Optional<Path> onPath(String path, String name) {
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isBlank()) {
        continue;
      }
      Path candidate = Path.of(directory, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The directory name Playwright's driver-bundle uses for this machine. */
  private static String platformDir() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    boolean arm = arch.equals("aarch64");
    if (windows()) {
      return "win32_x64";
    }
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
      return arm ? "mac-arm64" : "mac";
    }
    return arm ? "linux-arm64" : "linux";
  }

  private static boolean windows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("windows");
  }
}
