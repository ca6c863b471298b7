package dev.coracle.activities.tools.git;

import dev.coracle.activities.workspace.CommandResult;
import dev.coracle.activities.workspace.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A git repository on disk that names programs everywhere a repository can: {@code .git/config} and
 * a file it includes, a committed {@code .gitconfig} (read when HOME is the workspace), a committed
 * {@code .gitattributes} that picks filter, diff and merge drivers, and hooks. Every program is one
 * trap script that, when it runs, leaves a canary file named after the trap in a directory outside
 * the workspace and another in the workspace's {@code .git} — the second one so that a trap sprung
 * inside bubblewrap, where outside is read-only, is seen too.
 */
public final class MaliciousRepository {

  /** Hooks git would run for the commands coracle starts, and a few more. */
  public static final List<String> HOOKS =
      List.of(
          "pre-commit",
          "prepare-commit-msg",
          "commit-msg",
          "post-commit",
          "post-checkout",
          "post-merge",
          "post-rewrite",
          "pre-auto-gc",
          "post-index-change",
          "reference-transaction",
          "fsmonitor-watchman");

  /** A tracked file whose attributes pick the "evil" filter, diff and merge drivers. */
  public static final String FILTERED = "notes.txt";

  /** Tracked files that each pick one other filter: included, from .gitconfig, odd names. */
  public static final List<String> OTHER_FILTERED =
      List.of("included.inc", "home.cfg", "odd.eq", "odd.xy");

  private final Path workspace;
  private final Path canaries;

  private MaliciousRepository(Path workspace, Path canaries) {
    this.workspace = workspace;
    this.canaries = canaries;
  }

  /**
   * Builds the repository: commits its files with a clean git first, then arms the traps, and
   * leaves a change in {@link #FILTERED} so that status, diff and add have work to do.
   *
   * @param canaries an empty directory outside the workspace
   */
  public static MaliciousRepository create(Path workspace, Path canaries) throws IOException {
    Files.createDirectories(workspace);
    Files.createDirectories(canaries);
    MaliciousRepository repo = new MaliciousRepository(workspace, canaries);
    String trap = repo.writeTrap().toString();
    write(workspace.resolve("README.md"), "# A repository that bites\n");
    write(workspace.resolve(FILTERED), "first\n");
    write(workspace.resolve("data.bin"), "process me\n");
    write(workspace.resolve("included.inc"), "included driver\n");
    write(workspace.resolve("home.cfg"), "driver from the committed .gitconfig\n");
    write(workspace.resolve("odd.eq"), "a driver whose name has an equals sign\n");
    write(workspace.resolve("odd.xy"), "a driver whose name has a dot and capitals\n");
    write(
        workspace.resolve(".gitattributes"),
        """
        *.txt filter=evil diff=evil merge=evil
        *.bin filter=proc diff=proc
        *.inc filter=inc
        *.cfg filter=home diff=home
        *.eq filter=a=b
        *.xy filter=X.y
        """);
    write(
        workspace.resolve(".gitconfig"),
        """
        [core]
        \tfsmonitor = %1$s fsmonitor-gitconfig
        \tpager = %1$s pager-gitconfig
        \thooksPath = .githooks
        [filter "home"]
        \tclean = %1$s filter-clean-gitconfig
        \tsmudge = %1$s filter-smudge-gitconfig
        [diff "home"]
        \ttextconv = %1$s textconv-gitconfig
        """
            .formatted(trap));
    for (String hook : HOOKS) {
      executable(workspace.resolve(".githooks/" + hook), hookScript(trap, "gitconfig-" + hook));
    }
    clean(workspace, "init", "-q", "-b", "main");
    clean(workspace, "add", "-A");
    clean(workspace, "commit", "-q", "-m", "A repository that bites");
    repo.arm(trap);
    write(workspace.resolve(FILTERED), "first\nsecond\n");
    return repo;
  }

  public Path workspace() {
    return workspace;
  }

  /** Changes every file in {@link #OTHER_FILTERED}, so that staging them runs their filters. */
  public void changeOtherFiltered() throws IOException {
    for (String file : OTHER_FILTERED) {
      Files.writeString(workspace.resolve(file), "changed\n");
    }
  }

  /** The traps that ran, by name, from both kinds of canary. */
  public List<String> sprung() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> outside = Files.list(canaries)) {
      outside
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("trap.sh"))
          .forEach(names::add);
    }
    try (Stream<Path> inside = Files.list(workspace.resolve(".git"))) {
      inside
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("sprung-"))
          .map(n -> n.substring("sprung-".length()))
          .forEach(names::add);
    }
    return List.copyOf(names);
  }

  /** The repository's own configuration, a file it includes, and its hooks. */
  private void arm(String trap) throws IOException {
    Path git = workspace.resolve(".git");
    Files.writeString(
        git.resolve("config"),
        Files.readString(git.resolve("config"))
            + """
            [core]
            \tfsmonitor = %1$s fsmonitor
            \tpager = %1$s pager
            \teditor = %1$s editor
            \tsshCommand = %1$s ssh
            \taskPass = %1$s askpass
            \talternateRefsCommand = %1$s alternate-refs
            [pager]
            \tstatus = %1$s pager-status
            \tdiff = %1$s pager-diff
            [diff]
            \texternal = %1$s diff-external
            [diff "evil"]
            \ttextconv = %1$s textconv
            \tcommand = %1$s diff-command
            [diff "proc"]
            \ttextconv = %1$s textconv-proc
            [filter "evil"]
            \tclean = %1$s filter-clean
            \tsmudge = %1$s filter-smudge
            \trequired = true
            [filter "proc"]
            \tprocess = %1$s filter-process
            [filter "a=b"]
            \tclean = %1$s filter-clean-equals
            [filter "X.y"]
            \tclean = %1$s filter-clean-dotted
            [merge "evil"]
            \tdriver = %1$s merge-driver
            [credential]
            \thelper = !%1$s credential
            [gpg]
            \tprogram = %1$s gpg
            [commit]
            \tgpgSign = true
            [log]
            \tshowSignature = true
            [status]
            \tsubmoduleSummary = true
            [include]
            \tpath = included.cfg
            """
                .formatted(trap));
    write(
        git.resolve("included.cfg"),
        """
        [filter "inc"]
        \tclean = %1$s filter-clean-included
        \tsmudge = %1$s filter-smudge-included
        [core]
        \thooksPath = %2$s
        """
            .formatted(trap, git.resolve("hooks")));
    for (String hook : HOOKS) {
      executable(git.resolve("hooks/" + hook), hookScript(trap, "hook-" + hook));
    }
  }

  /**
   * The trap: leaves its canaries, then behaves well enough (a filter passes its input through)
   * that git does not stop before the next trap.
   */
  private Path writeTrap() throws IOException {
    Path trap = canaries.resolve("trap.sh");
    executable(
        trap,
        """
        #!/bin/sh
        touch '%s'/"$1" 2>/dev/null
        touch '%s'/sprung-"$1" 2>/dev/null
        case "$1" in filter-clean*|filter-smudge*) exec cat ;; esac
        exit 0
        """
            .formatted(canaries, workspace.resolve(".git")));
    return trap;
  }

  private static String hookScript(String trap, String name) {
    return "#!/bin/sh\nexec " + trap + " " + name + "\n";
  }

  private static void executable(Path file, String content) throws IOException {
    write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** Git that reads no configuration but the repository's, before the traps are armed. */
  private static void clean(Path repo, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of("/usr/bin/git", "-c", "user.name=Test", "-c", "user.email=test@example.com"));
    command.addAll(List.of(args));
    CommandResult result =
        CommandRunner.run(
            command,
            repo,
            Map.of(
                "PATH", "/usr/bin:/bin",
                "HOME", "/nonexistent",
                "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_CONFIG_GLOBAL", "/dev/null"),
            Duration.ofSeconds(30),
            1 << 20,
            () -> {});
    if (result.exitCode() != 0) {
      throw new IllegalStateException("git " + List.of(args) + " failed: " + result.output());
    }
  }

  /**
   * Runs git the way coracle used to, with HOME the workspace and nothing switched off, to show
   * that the traps are live.
   */
  public CommandResult plainGit(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("/usr/bin/git"));
    command.addAll(List.of(args));
    return CommandRunner.run(command, workspace, Duration.ofSeconds(30), 1 << 20, () -> {});
  }
}
