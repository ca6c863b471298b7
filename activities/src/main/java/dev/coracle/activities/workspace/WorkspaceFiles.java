package dev.coracle.activities.workspace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Walks a workspace the way a person reads a project: top level first, names sorted, without
 * version-control internals, dependencies, build output or hidden directories, which are large and
 * say little about the code. Symbolic links are listed but never followed, so a walk cannot leave
 * the workspace or loop.
 */
public final class WorkspaceFiles {

  /** Directories a walk does not enter. Hidden directories (a leading dot) are skipped too. */
  public static final Set<String> SKIPPED_DIRECTORIES =
      Set.of(".git", "node_modules", "target", "build", "dist", ".venv", "__pycache__");

  /** How many entries a walk looks at in all; past this the counts are lower bounds. */
  static final int SCAN_LIMIT = 50_000;

  /**
   * One file or directory.
   *
   * @param path relative to the workspace, with {@code /} separators
   * @param regularFile false for directories, symbolic links and special files
   */
  public record Entry(
      String path, boolean directory, boolean regularFile, long size, FileTime modified) {}

  /**
   * What a walk found.
   *
   * @param entries the first entries, at most the limit asked for
   * @param total every entry seen, including those not listed
   * @param files the files among {@code total}
   * @param complete false when the walk stopped at {@link #SCAN_LIMIT} before seeing everything
   */
  public record Listing(List<Entry> entries, int total, int files, boolean complete) {

    /** Entries seen but not listed. */
    public int more() {
      return total - entries.size();
    }
  }

  private WorkspaceFiles() {}

  public static boolean skipped(String directoryName) {
    return directoryName.startsWith(".") || SKIPPED_DIRECTORIES.contains(directoryName);
  }

  /**
   * Lists {@code start} (a directory inside {@code root}), breadth first.
   *
   * @param recursive false lists only the direct children of {@code start}
   * @param limit the most entries to return; counting goes on past it
   */
  public static Listing walk(Path root, Path start, boolean recursive, int limit)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    int total = 0;
    int files = 0;
    Deque<Path> directories = new ArrayDeque<>();
    directories.add(start);
    while (!directories.isEmpty()) {
      for (Path child : sortedChildren(directories.poll())) {
        if (total >= SCAN_LIMIT) {
          return new Listing(entries, total, files, false);
        }
        BasicFileAttributes attributes =
            Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        boolean directory = attributes.isDirectory();
        if (directory && skipped(child.getFileName().toString())) {
          continue;
        }
        total++;
        if (directory) {
          if (recursive) {
            directories.add(child);
          }
        } else {
          files++;
        }
        if (entries.size() < limit) {
          entries.add(
              new Entry(
                  relative(root, child),
                  directory,
                  attributes.isRegularFile(),
                  directory ? 0 : attributes.size(),
                  attributes.lastModifiedTime()));
        }
      }
    }
    return new Listing(entries, total, files, true);
  }

  /** {@code path} relative to {@code root}, with {@code /} separators; {@code .} for the root. */
  public static String relative(Path root, Path path) {
    String relative = root.relativize(path).toString().replace('\\', '/');
    return relative.isEmpty() ? "." : relative;
  }

  private static List<Path> sortedChildren(Path directory) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      stream.forEach(children::add);
    }
    children.sort(null);
    return children;
  }
}
