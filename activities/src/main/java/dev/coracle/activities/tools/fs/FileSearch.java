package dev.coracle.activities.tools.fs;

import dev.coracle.activities.workspace.WorkspaceFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The regular files below a directory, in path order, skipping what list_files skips (.git,
 * node_modules, build output, hidden directories) below the start. Links are not followed, so a
 * search cannot leave the workspace. The walk is bounded so a huge tree cannot stall a call.
 */
final class FileSearch {

  static final int SCAN_LIMIT = 50_000;

  /**
   * @param files regular files, sorted by path
   * @param complete false when the walk stopped at {@link #SCAN_LIMIT}
   */
  record Found(List<Path> files, boolean complete) {}

  private FileSearch() {}

  static Found files(Path start) throws IOException {
    List<Path> files = new ArrayList<>();
    boolean[] complete = {true};
    if (Files.isRegularFile(start)) {
      return new Found(List.of(start), true);
    }
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            boolean skip =
                !dir.equals(start) && WorkspaceFiles.skipped(dir.getFileName().toString());
            return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile()) {
              files.add(file);
            }
            if (files.size() >= SCAN_LIMIT) {
              complete[0] = false;
              return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            // An unreadable file or directory is not a reason to fail the whole search.
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return new Found(files, complete[0]);
  }
}
