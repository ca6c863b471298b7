package dev.coracle.activities.tools.shell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a program on a search path, as a shell would before running it. */
public final class Executables {

  private Executables() {}

  /** The first executable file named {@code name} in the directories of {@code searchPath}. */
  public static Optional<Path> find(String name, String searchPath) {
    for (String directory : searchPath.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
