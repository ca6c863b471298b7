package dev.coracle.activities.workspace;

import dev.coracle.activities.config.CoracleConfig.JobsConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.workspace.WorkspaceNotAllowedException.Rule;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Where a job may work. A workspace the client names must be an existing directory strictly inside
 * one of {@code jobs.workspace-roots} once symlinks are resolved, and never a root itself, nor
 * {@code $CORACLE_HOME} or anything inside or above it, nor a hidden directory below the root or
 * anything inside one. Fresh directories under the jobs' own workspaces directory are always
 * allowed. Every door that takes a workspace asks this one class, so they cannot disagree.
 */
@Singleton
public final class WorkspacePolicy {

  /** The configuration key a refusal tells the user to change. */
  public static final String ROOTS_KEY = "jobs.workspace-roots";

  private final List<String> configuredRoots;
  private final List<Path> roots;
  private final Path coracleHome;
  private final Path freshWorkspaces;

  /**
   * @param configuredRoots the roots as written, {@code ~} for the user's home directory
   * @param userHome what {@code ~} stands for
   */
  WorkspacePolicy(
      List<String> configuredRoots, Path userHome, Path coracleHome, Path freshWorkspaces) {
    this.configuredRoots = List.copyOf(configuredRoots);
    this.roots = configuredRoots.stream().map(root -> expand(root, userHome)).toList();
    this.coracleHome = coracleHome.toAbsolutePath().normalize();
    this.freshWorkspaces = freshWorkspaces.toAbsolutePath().normalize();
  }

  /** The policy of the loaded configuration; {@code ~} is the home directory of coracle's user. */
  @Inject
  public WorkspacePolicy(LoadedConfig loaded) {
    this(
        roots(loaded.config().jobs()),
        Path.of(System.getProperty("user.home")),
        loaded.home(),
        WorkspaceLocator.freshWorkspaces(loaded));
  }

  private static List<String> roots(JobsConfig jobs) {
    return jobs == null || jobs.workspaceRoots() == null ? List.of() : jobs.workspaceRoots();
  }

  /**
   * The real path of an allowed workspace.
   *
   * @throws WorkspaceNotAllowedException naming the rule the workspace breaks
   */
  public Path check(String workspace) {
    Path real = realDirectory(workspace);
    Optional<Path> home = real(coracleHome);
    boolean holdsHome = home.isPresent() && home.get().startsWith(real);
    if (!holdsHome && insideWithoutHidden(real, real(freshWorkspaces))) {
      return real;
    }
    List<Path> realRoots =
        roots.stream().map(WorkspacePolicy::real).flatMap(Optional::stream).toList();
    if (realRoots.contains(real)) {
      throw refused(Rule.A_ROOT, workspace, null);
    }
    if (home.isPresent() && real.startsWith(home.get())) {
      throw refused(Rule.CORACLE_HOME, workspace, "CORACLE_HOME is " + home.get());
    }
    List<Path> containing =
        realRoots.stream().filter(root -> real.startsWith(root) && !real.equals(root)).toList();
    if (containing.isEmpty()) {
      throw refused(Rule.OUTSIDE_ROOTS, workspace, "its real path is " + real);
    }
    if (containing.stream().noneMatch(root -> insideWithoutHidden(real, Optional.of(root)))) {
      throw refused(Rule.HIDDEN, workspace, "its real path is " + real);
    }
    // A job there could rewrite coracle's own database and settings through its file tools.
    if (holdsHome) {
      throw refused(Rule.CORACLE_HOME, workspace, "CORACLE_HOME is " + home.get());
    }
    return real;
  }

  private Path realDirectory(String workspace) {
    if (workspace == null || workspace.isBlank()) {
      throw refused(Rule.NOT_A_PATH, String.valueOf(workspace), null);
    }
    Path path;
    try {
      path = Path.of(workspace);
    } catch (InvalidPathException e) {
      throw refused(Rule.NOT_A_PATH, workspace, null);
    }
    if (!path.isAbsolute()) {
      throw refused(Rule.NOT_ABSOLUTE, workspace, null);
    }
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw refused(Rule.MISSING, workspace, null);
    } catch (IOException | SecurityException e) {
      throw refused(Rule.UNREADABLE, workspace, e.getMessage());
    }
    if (!Files.isDirectory(real)) {
      throw refused(Rule.NOT_A_DIRECTORY, workspace, null);
    }
    return real;
  }

  /**
   * True when {@code path} is strictly inside {@code root} and no name below the root is hidden.
   */
  private static boolean insideWithoutHidden(Path path, Optional<Path> root) {
    if (root.isEmpty() || !path.startsWith(root.get()) || path.equals(root.get())) {
      return false;
    }
    for (Path name : root.get().relativize(path)) {
      if (name.toString().startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  /** The real path of a directory, or empty when it does not exist (it then allows nothing). */
  private static Optional<Path> real(Path path) {
    try {
      return Optional.of(path.toRealPath());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static Path expand(String root, Path userHome) {
    if (root.equals("~")) {
      return userHome;
    }
    if (root.startsWith("~/")) {
      return userHome.resolve(root.substring(2));
    }
    return Path.of(root);
  }

  private WorkspaceNotAllowedException refused(Rule rule, String workspace, String detail) {
    return WorkspaceNotAllowedException.of(rule, workspace, detail, describedRoots());
  }

  /** The roots as configured, with what {@code ~} stood for, for the refusal's hint. */
  private List<String> describedRoots() {
    if (configuredRoots.isEmpty()) {
      return List.of("none");
    }
    return IntStream.range(0, configuredRoots.size())
        .mapToObj(
            i ->
                configuredRoots.get(i).startsWith("~")
                    ? configuredRoots.get(i) + " = " + roots.get(i)
                    : configuredRoots.get(i))
        .toList();
  }
}
