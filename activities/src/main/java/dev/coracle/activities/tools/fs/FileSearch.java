package dev.coracle.activities.tools.fs;

import dev.coracle.activities.tools.JailPath;
import dev.coracle.activities.tools.JailedFiles;
import dev.coracle.activities.tools.ToolException;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The regular files below a directory, in path order, skipping what list_files skips (.git,
 * node_modules, build output, hidden directories) below the start. The walk goes through directory
 * handles and never follows a link, so a search cannot leave the workspace. It is bounded so a huge
 * tree cannot stall a call.
 */
final class FileSearch {

  static final int SCAN_LIMIT = 50_000;

  /**
   * A file found.
   *
   * @param below its path relative to the start, with {@code /}, for matching globs
   */
  record File(JailPath path, String below, long size) {}

  /**
   * @param files regular files, sorted by path
   * @param complete false when the walk stopped at {@link #SCAN_LIMIT}
   */
  record Found(List<File> files, boolean complete) {}

  private FileSearch() {}

  /**
   * @throws ToolException when {@code start} does not exist
   */
  static Found files(JailedFiles files, JailPath start) throws IOException {
    Optional<BasicFileAttributes> attributes = files.attributes(start);
    if (attributes.isEmpty()) {
      throw new ToolException("There is no " + start + " in the workspace.");
    }
    if (attributes.get().isRegularFile()) {
      return new Found(List.of(new File(start, start.name(), attributes.get().size())), true);
    }
    List<File> found = new ArrayList<>();
    boolean[] complete = {true};
    int depth = start.names().size();
    files.walk(
        start,
        true,
        (entry, entryAttributes) -> {
          if (entryAttributes.isRegularFile()) {
            String below = String.join("/", entry.names().subList(depth, entry.names().size()));
            found.add(new File(entry, below, entryAttributes.size()));
          }
          if (found.size() >= SCAN_LIMIT) {
            complete[0] = false;
            return false;
          }
          return true;
        });
    found.sort(Comparator.comparing(file -> file.path().toString()));
    return new Found(found, complete[0]);
  }
}
