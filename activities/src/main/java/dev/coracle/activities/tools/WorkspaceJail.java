package dev.coracle.activities.tools;

import dev.coracle.activities.workspace.WorkspaceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Keeps a model's paths inside its workspace. A path is refused when it climbs out with {@code ..},
 * is absolute and elsewhere, or passes through a symbolic link that leads out. Links that stay
 * inside are followed, as a person's tools would.
 */
public final class WorkspaceJail {

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
   * The absolute, normalized path a model meant, inside the workspace. The path need not exist yet;
   * an empty one is the workspace itself.
   *
   * @throws ToolException when the path leaves the workspace
   */
  public Path resolve(String path) {
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
    checkLinks(asked, candidate);
    return candidate;
  }

  /** {@code path} relative to the workspace, with {@code /} separators, as the model sees paths. */
  public String relative(Path path) {
    return WorkspaceFiles.relative(root, path);
  }

  /** A model may write the workspace as it was given, not as its real path. */
  private Path rebase(Path absolute) {
    return absolute.startsWith(given) ? root.resolve(given.relativize(absolute)) : absolute;
  }

  /**
   * The part of the path that exists is where a link could lead out: its real path must stay
   * inside. The rest does not exist yet, has no {@code ..} after normalizing, and so no links.
   */
  private void checkLinks(String asked, Path candidate) {
    Path existing = candidate;
    while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      throw new ToolException(
          "The path \"" + asked + "\" goes through a broken symbolic link (" + existing + ").");
    }
    if (!real.startsWith(root)) {
      throw new ToolException(
          "The path \""
              + asked
              + "\" leads outside the workspace through a symbolic link (to "
              + real
              + ").");
    }
  }
}
