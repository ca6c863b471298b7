package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.store.AuditEntry;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.job.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunShellToolTest {

  static final int OUTPUT_LIMIT = 2000;

  /** What the scrubbed environment has; PWD may be added by a program that sets it. */
  static final Set<String> ALLOWED = Set.of("PATH", "LANG", "LC_ALL", "TERM", "HOME", "PWD");

  @TempDir Path dir;

  ToolHarness harness;
  Path workspace;

  @BeforeEach
  void setUp() throws IOException {
    harness =
        new ToolHarness(
            dir,
            """
            tools:
              shell-timeout-seconds: 30
              output-limit-bytes: %d
            """
                .formatted(OUTPUT_LIMIT));
    workspace = harness.workspace;
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  @Test
  void runs_one_program_in_the_workspace_and_reports_the_exit_code() {
    ToolResult pwd = harness.shell("pwd");
    assertThat(pwd.error()).isFalse();
    assertThat(pwd.output()).isEqualTo("Exit code 0.\n" + workspace + "\n");

    ToolResult missing = harness.shell("ls no-such-file");
    assertThat(missing.error()).isTrue();
    assertThat(missing.output()).startsWith("Exit code 2.\n").contains("no-such-file");
  }

  @Test
  void quoted_arguments_reach_the_program_as_single_words() {
    ToolResult result = harness.shell("printf '%s|' \"a b\" 'c; rm -rf /' e\\ f '$(id)'");

    assertThat(result.output()).isEqualTo("Exit code 0.\na b|c; rm -rf /|e f|$(id)|");
  }

  @Test
  void shell_escape_attempts_fail_with_a_tool_error_and_run_nothing() throws IOException {
    TestWorkspaces.write(workspace, "precious.txt", "keep me");

    for (String attempt :
        new String[] {
          "ls; rm -rf precious.txt",
          "ls && rm precious.txt",
          "ls | rm precious.txt",
          "echo $(rm precious.txt)",
          "echo `rm precious.txt`",
          "echo \"$(rm precious.txt)\"",
          "echo $HOME",
          "echo hi > precious.txt",
          "ls\nrm precious.txt",
        }) {
      ToolResult result = harness.shell(attempt);
      assertThat(result.error()).as(attempt).isTrue();
      assertThat(result.output())
          .as(attempt)
          .startsWith("The command uses ")
          .contains("run_shell runs one program with its arguments, without a shell");
    }
    assertThat(workspace.resolve("precious.txt")).hasContent("keep me");
  }

  @Test
  void a_shell_cannot_be_asked_to_run_a_command_line() throws IOException {
    TestWorkspaces.write(workspace, "precious.txt", "keep me");

    ToolResult sh = harness.shell("sh -c 'ls; rm precious.txt'");
    ToolResult bash = harness.shell("bash -ec 'rm precious.txt'");
    ToolResult viaEnv = harness.shell("env sh precious.txt");

    assertThat(sh.output()).startsWith("sh -c is refused: run_shell runs one program");
    assertThat(bash.output()).startsWith("bash -c is refused");
    assertThat(viaEnv.output()).startsWith("env may not start sh");
    assertThat(workspace.resolve("precious.txt")).hasContent("keep me");
  }

  @Test
  void the_program_sees_only_the_scrubbed_environment() {
    Set<String> parentOnly =
        System.getenv().keySet().stream()
            .filter(key -> !ALLOWED.contains(key))
            .collect(Collectors.toSet());
    assertThat(parentOnly).as("the test needs variables the command must not see").isNotEmpty();

    ToolResult result = harness.shell("env");

    Map<String, String> seen = variables(result.output().lines().skip(1));
    assertThat(ALLOWED).containsAll(seen.keySet());
    assertThat(seen)
        .containsEntry("HOME", workspace.toString())
        .containsEntry("TERM", "dumb")
        .containsEntry("LC_ALL", "C.UTF-8")
        .containsKey("PATH");
  }

  @Test
  void reading_a_process_environment_through_proc_is_refused() {
    long jvm = ProcessHandle.current().pid();

    ToolResult parent = harness.shell("cat /proc/" + jvm + "/environ");
    ToolResult own = harness.shell("cat /proc/self/environ");
    ToolResult sneaky = harness.shell("tr '\\0' '\\n' --  /proc/self/../" + jvm + "/environ");

    for (ToolResult result : new ToolResult[] {parent, own, sneaky}) {
      assertThat(result.error()).isTrue();
      assertThat(result.output())
          .isEqualTo(
              "Reading process environments under /proc is refused; run env to see the"
                  + " environment commands get.");
    }
  }

  @Test
  void a_program_that_is_not_installed_is_a_clear_error() {
    ToolResult result = harness.shell("no-such-program --help");

    assertThat(result.error()).isTrue();
    assertThat(result.output()).isEqualTo("There is no program \"no-such-program\" on PATH.");
  }

  @Test
  void a_command_past_its_timeout_is_killed_with_the_children_it_started() throws Exception {
    // No shell syntax is allowed, so the background child comes from a script the model wrote.
    String marker = "987.654";
    script("spawn.sh", "#!/bin/sh\nsleep " + marker + " &\necho started\nwait\n");
    long started = System.nanoTime();

    ToolResult result =
        harness.run("run_shell", Map.of("command", "./spawn.sh", "timeout_seconds", 1));

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(result.error()).isTrue();
    assertThat(result.output())
        .startsWith("Timed out after 1 s; the command and every process it started were killed.\n")
        .contains("started");
    assertThat(runningWithArgument(marker)).as("the sleep the script started still runs").isFalse();
  }

  @Test
  void files_the_program_creates_changes_or_deletes_are_reported() throws IOException {
    TestWorkspaces.write(workspace, "keep.txt", "same");
    TestWorkspaces.write(workspace, "gone.txt", "bye");
    script("change.sh", "#!/bin/sh\nmkdir -p src && touch src/new.txt && rm gone.txt\n");

    ToolResult result = harness.shell("./change.sh");

    assertThat(result.error()).isFalse();
    assertThat(result.changedFiles()).containsExactly("gone.txt", "src/new.txt");
  }

  @Test
  void long_output_is_cut_and_stored_whole_as_an_artifact() {
    ToolResult result = harness.shell("seq 1 2000");

    assertThat(result.output().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(OUTPUT_LIMIT);
    assertThat(result.output())
        .startsWith("Exit code 0.\n1\n2\n")
        .contains("\n2000\n")
        .doesNotContain("\n1000\n");
    Matcher artifact =
        Pattern.compile("the full output is artifact (art-\\w+)\\.]$").matcher(result.output());
    assertThat(artifact.find()).isTrue();
    Artifact stored =
        harness.context.getBean(ArtifactStore.class).get(artifact.group(1)).orElseThrow();
    assertThat(stored.kind()).isEqualTo("tool-output");
    assertThat(stored.jobId()).isEqualTo("job-1");
    assertThat(stored.text()).contains("\n1\n", "\n1000\n", "\n2000\n");
  }

  @Test
  void every_call_is_audited_as_a_tool_call_with_its_outcome() {
    harness.shell("echo fine");
    harness.shell("ls no-such-file");

    assertThat(harness.context.getBean(AuditLog.class).latest(10))
        .extracting(
            AuditEntry::workflowId,
            AuditEntry::provider,
            AuditEntry::model,
            AuditEntry::outcome,
            AuditEntry::error)
        .containsExactly(
            Tuple.tuple("job-1", "tool", "run_shell", "error", "Exit code 2."),
            Tuple.tuple("job-1", "tool", "run_shell", "ok", null));
  }

  private void script(String name, String text) throws IOException {
    Path file = workspace.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  static Map<String, String> variables(Stream<String> lines) {
    return lines
        .filter(line -> line.contains("="))
        .collect(
            Collectors.toMap(
                line -> line.substring(0, line.indexOf('=')),
                line -> line.substring(line.indexOf('=') + 1),
                (first, second) -> first));
  }

  /**
   * Whether a live process has this argument. The command may run in its own PID namespace, so its
   * children are found by what they run, not by the pid they saw. A zombie runs nothing, so it
   * counts as stopped.
   */
  private static boolean runningWithArgument(String argument) throws IOException {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      return processes
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .anyMatch(p -> hasArgument(p, argument) && !zombie(p));
    }
  }

  private static boolean hasArgument(Path process, String argument) {
    try {
      String cmdline = Files.readString(process.resolve("cmdline"), StandardCharsets.ISO_8859_1);
      return Set.of(cmdline.split("\0")).contains(argument);
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  private static boolean zombie(Path process) {
    try {
      String fields = Files.readString(process.resolve("stat"));
      char state = fields.charAt(fields.lastIndexOf(')') + 2);
      return state == 'Z' || state == 'X';
    } catch (IOException gone) {
      return true;
    }
  }
}
