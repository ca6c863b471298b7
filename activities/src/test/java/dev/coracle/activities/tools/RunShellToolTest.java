package dev.coracle.activities.tools;

import static dev.coracle.activities.tools.TestTools.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.store.AuditEntry;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.job.ToolResult;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunShellToolTest {

  static final int OUTPUT_LIMIT = 2000;

  /** What the scrubbed environment has, and what /bin/sh adds on its own. */
  static final Set<String> ALLOWED =
      Set.of("PATH", "LANG", "LC_ALL", "TERM", "HOME", "PWD", "SHLVL", "OLDPWD", "_");

  @TempDir Path dir;

  Path workspace;
  ApplicationContext context;
  ToolActivitiesImpl tools;

  @BeforeEach
  void setUp() throws IOException {
    workspace = Files.createDirectories(dir.resolve("ws")).toRealPath();
    context =
        TestWorkspaces.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-11-20T12:00:00Z")),
            TestWorkspaces.config(
                dir.resolve("home"),
                """
                tools:
                  shell-timeout-seconds: 30
                  output-limit-bytes: %d
                """
                    .formatted(OUTPUT_LIMIT)));
    tools = context.getBean(ToolActivitiesImpl.class);
  }

  @AfterEach
  void tearDown() {
    context.close();
  }

  @Test
  void runs_in_the_workspace_and_reports_the_exit_code() {
    ToolResult result = shell("pwd; echo oops >&2; exit 3");

    assertThat(result.error()).isTrue();
    assertThat(result.output()).isEqualTo("Exit code 3.\n" + workspace + "\noops\n");

    ToolResult ok = shell("true");
    assertThat(ok.error()).isFalse();
    assertThat(ok.output()).isEqualTo("Exit code 0.\n");
  }

  @Test
  void a_command_past_its_timeout_is_killed_with_the_children_it_started() throws Exception {
    long started = System.nanoTime();

    ToolResult result =
        tools.run(
            call(
                workspace,
                "run_shell",
                "{\"command\": \"sleep 100 & echo $! > child.pid; echo started; wait\","
                    + " \"timeout_seconds\": 1}"));

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(result.error()).isTrue();
    assertThat(result.output())
        .startsWith("Timed out after 1 s; the command and every process it started were killed.\n")
        .contains("started");
    long child = Long.parseLong(Files.readString(workspace.resolve("child.pid")).trim());
    assertThat(running(child)).as("the sleep the command started is still running").isFalse();
  }

  @Test
  void the_command_sees_only_the_scrubbed_environment() {
    Set<String> parentOnly =
        System.getenv().keySet().stream()
            .filter(key -> !ALLOWED.contains(key))
            .collect(Collectors.toSet());
    assertThat(parentOnly).as("the test needs variables the command must not see").isNotEmpty();

    ToolResult result = shell("env");

    Map<String, String> seen =
        result
            .output()
            .lines()
            .skip(1)
            .filter(line -> line.contains("="))
            .collect(
                Collectors.toMap(
                    line -> line.substring(0, line.indexOf('=')),
                    line -> line.substring(line.indexOf('=') + 1)));
    assertThat(ALLOWED).containsAll(seen.keySet());
    assertThat(seen)
        .containsEntry("HOME", workspace.toString())
        .containsEntry("TERM", "dumb")
        .containsEntry("LC_ALL", "C.UTF-8")
        .containsKey("PATH");
  }

  @Test
  void files_the_command_creates_changes_or_deletes_are_reported() throws IOException {
    TestWorkspaces.write(workspace, "keep.txt", "same");
    TestWorkspaces.write(workspace, "edit.txt", "before");
    TestWorkspaces.write(workspace, "gone.txt", "bye");

    ToolResult result =
        shell("mkdir -p src && touch src/new.txt && echo after >> edit.txt && rm gone.txt");

    assertThat(result.error()).isFalse();
    assertThat(result.changedFiles()).containsExactly("edit.txt", "gone.txt", "src/new.txt");
  }

  @Test
  void long_output_is_cut_and_stored_whole_as_an_artifact() {
    ToolResult result = shell("i=0; while [ $i -lt 2000 ]; do echo \"line $i\"; i=$((i+1)); done");

    assertThat(result.output().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(OUTPUT_LIMIT);
    assertThat(result.output())
        .startsWith("Exit code 0.\nline 0\nline 1\n")
        .contains("line 1999\n")
        .doesNotContain("line 1000\n");
    Matcher artifact =
        Pattern.compile("the full output is artifact (art-\\w+)\\.]$").matcher(result.output());
    assertThat(artifact.find()).isTrue();
    Artifact stored = context.getBean(ArtifactStore.class).get(artifact.group(1)).orElseThrow();
    assertThat(stored.kind()).isEqualTo("tool-output");
    assertThat(stored.jobId()).isEqualTo("job-1");
    assertThat(stored.text()).contains("line 0\n", "line 1000\n", "line 1999\n");
  }

  @Test
  void every_call_is_audited_as_a_tool_call_with_its_outcome() {
    shell("echo fine");
    shell("echo broken >&2; exit 2");

    assertThat(context.getBean(AuditLog.class).latest(10))
        .extracting(
            AuditEntry::workflowId,
            AuditEntry::provider,
            AuditEntry::model,
            AuditEntry::outcome,
            AuditEntry::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "job-1", "tool", "run_shell", "error", "Exit code 2."),
            org.assertj.core.groups.Tuple.tuple("job-1", "tool", "run_shell", "ok", null));
  }

  /**
   * A killed process whose parent is gone stays a zombie until PID 1 reaps it, which in a container
   * may be never; a zombie runs nothing, so it counts as stopped.
   */
  private static boolean running(long pid) throws IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String fields = Files.readString(stat);
    char state = fields.charAt(fields.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  private ToolResult shell(String command) {
    return tools.run(call(workspace, "run_shell", "{\"command\": " + quote(command) + "}"));
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
