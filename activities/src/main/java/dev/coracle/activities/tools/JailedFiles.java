package dev.coracle.activities.tools;

import dev.coracle.activities.workspace.WorkspaceFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;

/**
 * The file tools' only way to the workspace's files. Each operation walks a {@link JailPath} from
 * the root through directory handles, one name at a time, refusing links; so whatever a process in
 * the workspace renames meanwhile, no open lands outside. An entry that changed under the walk is a
 * clear error for the model, which may simply try again.
 */
public final class JailedFiles {

  private final WorkspaceJail jail;

  public JailedFiles(WorkspaceJail jail) {
    this.jail = jail;
  }

  /** What a walk sees: an entry below the start, and its own attributes (links not followed). */
  @FunctionalInterface
  public interface Visitor {
    /**
     * @return false to stop the walk
     */
    boolean visit(JailPath entry, BasicFileAttributes attributes) throws IOException;
  }

  /** The entry's own attributes, or empty when it does not exist. */
  public Optional<BasicFileAttributes> attributes(JailPath place) throws IOException {
    if (place.isRoot()) {
      return Optional.of(Files.readAttributes(jail.root(), BasicFileAttributes.class));
    }
    try (DirectoryHandle parent = directory(place.parent(), false)) {
      return parent.attributes(place.name());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw translated(place, e);
    }
  }

  /**
   * Opens a regular file for reading.
   *
   * @throws ToolException when it is missing, a directory or not a regular file
   */
  public SeekableByteChannel read(JailPath file) throws IOException {
    try (DirectoryHandle parent = directory(file.parent(), false)) {
      BasicFileAttributes attributes =
          parent
              .attributes(file.name())
              .orElseThrow(
                  () -> new ToolException("There is no file " + file + " in the workspace."));
      // Checked first so that a FIFO does not block the call; a swap to one right after this
      // can still block it, which stalls the call but moves no byte.
      requireRegular(file, attributes);
      return parent.read(file.name());
    } catch (IOException e) {
      throw translated(file, e);
    }
  }

  /** The whole content of a regular file. */
  public byte[] readAll(JailPath file) throws IOException {
    try (SeekableByteChannel channel = read(file)) {
      ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(channel.size()));
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // Reads until the buffer is full or the file ended early (it shrank meanwhile).
      }
      byte[] bytes = new byte[buffer.position()];
      buffer.flip().get(bytes);
      return bytes;
    }
  }

  /**
   * Writes a file whole, creating it and the directories it needs.
   *
   * @return the size it had, or -1 when it is new
   */
  public long replace(JailPath file, byte[] content) throws IOException {
    if (file.isRoot()) {
      throw new ToolException("The workspace itself is a directory; give a file path.");
    }
    try (DirectoryHandle parent = directory(file.parent(), true)) {
      Optional<BasicFileAttributes> before = parent.attributes(file.name());
      if (before.isPresent()) {
        requireRegular(file, before.get());
      }
      try (SeekableByteChannel channel = parent.replace(file.name())) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      return before.map(BasicFileAttributes::size).orElse(-1L);
    } catch (IOException e) {
      throw translated(file, e);
    }
  }

  /**
   * Visits the entries below {@code start} (a directory), breadth first and sorted by name, without
   * entering what {@link WorkspaceFiles#skipped} names. Links are reported, never entered.
   */
  public void walk(JailPath start, boolean recursive, Visitor visitor) throws IOException {
    Deque<JailPath> directories = new ArrayDeque<>();
    directories.add(start);
    while (!directories.isEmpty()) {
      JailPath current = directories.poll();
      try (DirectoryHandle directory = directory(current, false)) {
        for (String name : directory.names()) {
          Optional<BasicFileAttributes> attributes = directory.attributes(name);
          if (attributes.isEmpty()) {
            continue; // Deleted since it was listed.
          }
          boolean isDirectory = attributes.get().isDirectory();
          if (isDirectory && WorkspaceFiles.skipped(name)) {
            continue;
          }
          JailPath entry = current.child(name);
          if (!visitor.visit(entry, attributes.get())) {
            return;
          }
          if (isDirectory && recursive) {
            directories.add(entry);
          }
        }
      } catch (IOException e) {
        if (current.equals(start)) {
          throw translated(current, e);
        }
        // A directory below that vanished, is unreadable or was swapped for a link is skipped,
        // as grep -r does.
      }
    }
  }

  /**
   * Opens a directory by walking its names from the root.
   *
   * @param create make the directories that are missing
   */
  DirectoryHandle directory(JailPath place, boolean create) throws IOException {
    DirectoryHandle root = DirectoryHandle.open(jail.root());
    DirectoryHandle current = root;
    try {
      for (String name : place.names()) {
        if (create && current.attributes(name).isEmpty()) {
          makeDirectory(root, current, name);
        }
        DirectoryHandle child = current.directory(name);
        if (current != root) {
          current.close();
        }
        current = child;
      }
    } catch (IOException | RuntimeException e) {
      current.close();
      if (current != root) {
        root.close();
      }
      throw e;
    }
    if (current != root) {
      root.close();
    }
    return current;
  }

  /**
   * Java has no {@code mkdirat}. The new directory is made in the root, whose path the workspace
   * cannot swap, and renamed into place handle to handle.
   */
  private void makeDirectory(DirectoryHandle root, DirectoryHandle parent, String name)
      throws IOException {
    String staging = ".coracle-mkdir-" + UUID.randomUUID();
    Files.createDirectory(jail.root().resolve(staging));
    try {
      root.move(staging, parent, name);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException made) {
      // Made meanwhile by someone else: the walk opens theirs, if it is a directory.
      root.deleteDirectory(staging);
    } catch (IOException | RuntimeException e) {
      root.deleteDirectory(staging);
      throw e;
    }
  }

  private static void requireRegular(JailPath file, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      throw new ToolException(file + " is a directory; give a file path.");
    }
    if (attributes.isSymbolicLink()) {
      throw changed(file);
    }
    if (!attributes.isRegularFile()) {
      throw new ToolException(file + " is not a regular file.");
    }
  }

  /**
   * What the model should hear when an open failed: a missing entry, or an entry that changed kind
   * under the walk (a link where a directory was: {@code ELOOP}, {@code ENOTDIR}). Anything else,
   * such as a permission, is passed on as it is.
   */
  private static IOException translated(JailPath place, IOException e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof NoSuchFileException) {
      throw new ToolException(
          "There is no " + place + " in the workspace (or part of its path is missing).");
    }
    if (e instanceof NotDirectoryException || message.contains("symbolic link")) {
      throw changed(place);
    }
    return e;
  }

  /** A link or a file where a directory was, or the other way round: the workspace moved. */
  private static ToolException changed(JailPath place) {
    return new ToolException(
        place
            + " changed while coracle opened it (a symbolic link or a file took the place of a"
            + " directory, or the other way round); links are not followed there. Try again.");
  }
}
