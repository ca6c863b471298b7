package dev.coracle.activities.tools;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An open directory, and the entries in it reached through it, never through a path. Every name is
 * one component and every open refuses a symbolic link ({@code openat} with {@code O_NOFOLLOW}), so
 * renaming a directory and a link into each other's place cannot send an open somewhere else: it
 * fails instead.
 *
 * <p>Where Java has no relative opens (macOS before Java 20, Windows) the handle is the directory's
 * path and each entry is checked not to be a link just before it is opened: links are still
 * refused, but a swap in between could win that race.
 */
final class DirectoryHandle implements AutoCloseable {

  private static final Set<OpenOption> READ =
      Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> REPLACE =
      Set.of(
          StandardOpenOption.WRITE,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          LinkOption.NOFOLLOW_LINKS);

  /** Null where the platform has no relative opens; {@link #path} is then used, checked. */
  private final SecureDirectoryStream<Path> stream;

  private final Path path;

  private DirectoryHandle(SecureDirectoryStream<Path> stream, Path path) {
    this.stream = stream;
    this.path = path;
  }

  /** Opens a directory the caller trusts by its path (the workspace root). */
  static DirectoryHandle open(Path trusted) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(trusted);
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      return new DirectoryHandle(secure, trusted);
    }
    stream.close();
    return new DirectoryHandle(null, trusted);
  }

  /** True when opens go through the directory handle, so no swap can redirect them. */
  boolean raceFree() {
    return stream != null;
  }

  /** The entry's own attributes (a link is a link), or empty when there is no such entry. */
  Optional<BasicFileAttributes> attributes(String name) throws IOException {
    try {
      BasicFileAttributeView view =
          stream == null
              ? Files.getFileAttributeView(
                  path.resolve(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              : stream.getFileAttributeView(
                  Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      return Optional.of(view.readAttributes());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** A subdirectory; fails if the entry is a link or anything but a directory. */
  DirectoryHandle directory(String name) throws IOException {
    Path child = path.resolve(name);
    if (stream != null) {
      return new DirectoryHandle(
          stream.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS), child);
    }
    if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotDirectoryException(child.toString());
    }
    return new DirectoryHandle(null, child);
  }

  SeekableByteChannel read(String name) throws IOException {
    return stream == null
        ? Files.newByteChannel(path.resolve(name), READ)
        : stream.newByteChannel(Path.of(name), READ);
  }

  /** Opens a file for writing from its start, creating it or emptying it first. */
  SeekableByteChannel replace(String name) throws IOException {
    return stream == null
        ? Files.newByteChannel(path.resolve(name), REPLACE)
        : stream.newByteChannel(Path.of(name), REPLACE);
  }

  /** Renames an entry of this directory into {@code target}, both by handle. */
  void move(String name, DirectoryHandle target, String targetName) throws IOException {
    if (stream == null || target.stream == null) {
      Files.move(path.resolve(name), target.path.resolve(targetName));
    } else {
      stream.move(Path.of(name), target.stream, Path.of(targetName));
    }
  }

  void deleteDirectory(String name) throws IOException {
    if (stream == null) {
      Files.delete(path.resolve(name));
    } else {
      stream.deleteDirectory(Path.of(name));
    }
  }

  /** The names of the entries, sorted. A handle can be listed once. */
  List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = stream == null ? Files.newDirectoryStream(path) : null) {
      for (Path entry : stream == null ? entries : stream) {
        names.add(entry.getFileName().toString());
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public void close() throws IOException {
    if (stream != null) {
      stream.close();
    }
  }
}
