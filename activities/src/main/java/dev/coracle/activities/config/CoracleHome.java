package dev.coracle.activities.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds {@code $CORACLE_HOME} (default {@code ~/.coracle}) and makes sure coracle can write it. */
public final class CoracleHome {
  private CoracleHome() {}

  public static Path resolve(Map<String, String> env) {
    String home = env.get("CORACLE_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".coracle");
  }

  /** Creates the directory if needed and proves it is writable, or says clearly why not. */
  public static void ensureWritable(Path home) {
    try {
      Files.createDirectories(home);
      Path probe = Files.createTempFile(home, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new ConfigException(
          "CORACLE_HOME "
              + home
              + " is not writable ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); set CORACLE_HOME to a directory you own",
          e);
    }
  }
}
