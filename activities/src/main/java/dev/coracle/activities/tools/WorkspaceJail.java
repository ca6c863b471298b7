package dev.coracle.activities.tools;

import dev.coracle.activities.workspace.WorkspaceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a model's paths inside its workspace. A path is refused when it climbs out with {@code ..},
 * is absolute and elsewhere, or passes through a symbolic link that leads out. Links that stay
 * inside are followed, as a person's tools would, but coracle follows them itself: it reads the
 * link, works out where it points and checks that this is inside, so what it finally opens is a
 * path without links, walked through directory handles with no-follow opens ({@link JailedFiles}).
 * A link swapped in after the check makes that open fail; it cannot lead it out.
 */
public final class WorkspaceJail {

  /** As many links as Linux follows in one path before it gives up. */
  private static final int MAX_LINKS = 40;

  private final Path root;
  private final Path given;

  /**
   * @throws ToolException when the workspace is not an existing directory
   */
  public WorkspaceJail(Path workspace) {
    if (workspace == null || !Files.isDirectory(workspace)) {
      throw new ToolException("The workspace " + workspace + " is not an existing directory.");
    }
    this.given = workspace.toAbsolutePath().normalize();
    try {
      this.root = workspace.toRealPath();
    } catch (IOException e) {
      throw new ToolException("The workspace " + workspace + " cannot be read: " + e.getMessage());
    }
  }

  /** The real path of the workspace; resolved paths start with it. */
  public Path root() {
    return root;
  }

  /**
   * The absolute path a model meant, inside the workspace, with the links on its way resolved. For
   * programs that take paths (git, a shell command); coracle's own file tools use {@link #locate}
   * and open through handles.
   *
   * @throws ToolException when the path leaves the workspace
   */
  public Path resolve(String path) {
    return path(locate(path));
  }

  /** The workspace's files, opened through handles. */
  public JailedFiles files() {
    return new JailedFiles(this);
  }

  /** The absolute path of a place, for messages and for programs that take paths. */
  public Path path(JailPath place) {
    Path path = root;
    for (String name : place.names()) {
      path = path.resolve(name);
    }
    return path;
  }

  /**
   * Where a model's path leads inside the workspace. The path need not exist yet; an empty one is
   * the workspace itself.
   *
   * @throws ToolException when the path, or a link on its way, leads out of the workspace
   */
  public JailPath locate(String path) {
    String asked = path == null || path.isBlank() ? "." : path.trim();
    Path raw;
    try {
      raw = Path.of(asked);
    } catch (InvalidPathException e) {
      throw new ToolException("\"" + asked + "\" is not a valid path.");
    }
    Path candidate = raw.isAbsolute() ? rebase(raw.normalize()) : root.resolve(raw).normalize();
    if (!candidate.startsWith(root)) {
      throw new ToolException(
          "The path \"" + asked + "\" is outside the workspace; use a path inside " + root + ".");
    }
    try {
      return followLinks(asked, names(candidate));
    } catch (IOException e) {
      throw new ToolException("The path \"" + asked + "\" cannot be read: " + e.getMessage());
    }
  }

  /** {@code path} relative to the workspace, with {@code /} separators, as the model sees paths. */
  public String relative(Path path) {
    return WorkspaceFiles.relative(root, path);
  }

  /** A model may write the workspace as it was given, not as its real path. */
  private Path rebase(Path absolute) {
    return absolute.startsWith(given) ? root.resolve(given.relativize(absolute)) : absolute;
  }

  private List<String> names(Path inside) {
    List<String> names = new ArrayList<>();
    for (Path name : root.relativize(inside)) {
      if (!name.toString().isEmpty()) {
        names.add(name.toString());
      }
    }
    return names;
  }

  /**
   * Walks the names through handles; a link on the way is replaced by where it points, and the walk
   * starts again from the root. What does not exist yet has no links.
   */
  private JailPath followLinks(String asked, List<String> start) throws IOException {
    List<String> names = start;
    for (int links = 0; links <= MAX_LINKS; links++) {
      List<String> replaced = firstLinkReplaced(asked, names);
      if (replaced == null) {
        return new JailPath(names);
      }
      names = replaced;
    }
    throw new ToolException(
        "The path \"" + asked + "\" goes through more than " + MAX_LINKS + " symbolic links.");
  }

  /** The names with their first link replaced by its target, or null when there is no link. */
  private List<String> firstLinkReplaced(String asked, List<String> names) throws IOException {
    DirectoryHandle directory = DirectoryHandle.open(root);
    try {
      for (int i = 0; i < names.size(); i++) {
        Optional<BasicFileAttributes> entry = directory.attributes(names.get(i));
        if (entry.isEmpty()) {
          return null;
        }
        if (entry.get().isSymbolicLink()) {
          return linkReplaced(asked, names, i);
        }
        if (i == names.size() - 1) {
          return null;
        }
        if (!entry.get().isDirectory()) {
          throw new ToolException(
              "The path \""
                  + asked
                  + "\" goes through "
                  + String.join("/", names.subList(0, i + 1))
                  + ", which is not a directory.");
        }
        DirectoryHandle child = directory.directory(names.get(i));
        directory.close();
        directory = child;
      }
      return null;
    } finally {
      directory.close();
    }
  }

  /**
   * The link is read by its path. If it changed meanwhile, the target read is still only a name,
   * checked here to be inside and then opened without following links.
   */
  private List<String> linkReplaced(String asked, List<String> names, int at) throws IOException {
    Path directory = path(new JailPath(names.subList(0, at)));
    Path target = Files.readSymbolicLink(directory.resolve(names.get(at)));
    Path leads =
        target.isAbsolute() ? rebase(target.normalize()) : directory.resolve(target).normalize();
    if (!leads.startsWith(root)) {
      throw new ToolException(
          "The path \""
              + asked
              + "\" leads outside the workspace through a symbolic link (to "
              + leads
              + ").");
    }
    List<String> replaced = names(leads);
    replaced.addAll(names.subList(at + 1, names.size()));
    return replaced;
  }
}
