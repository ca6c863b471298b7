package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.tools.git.MaliciousRepository;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.JobFixtures;
import dev.coracle.api.server.StartupSummary;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted coder drives real jobs through {@code POST /api/jobs} on a workspace whose repository
 * names programs in its {@code .git/config}, an include, a committed {@code .gitconfig}, its {@code
 * .gitattributes} and its hooks. coracle runs here as on a machine without a working bubblewrap
 * (the configured bwrap does not exist), so git runs with its own hardening alone and a trap that
 * ran would leave its canary outside the workspace.
 */
class GitConfigAttackIT {

  static final String NO_BWRAP = "/nonexistent/bwrap";

  @TempDir static Path home;
  @TempDir static Path dir;

  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    coracle = CoracleUnderTest.start(home, config(), Map.of());
  }

  @AfterAll
  static void stop() {
    coracle.close();
    ollama.close();
    cloud.close();
  }

  @Test
  void consolidate_the_git_tools_and_a_second_job_on_the_same_workspace_run_nothing_it_names()
      throws Exception {
    MaliciousRepository repo =
        MaliciousRepository.create(dir.resolve("ws"), dir.resolve("canaries"));
    String workspace = repo.workspace().toString();
    repo.changeOtherFiltered();

    String first =
        runJob(
            workspace,
            """
            Tidy up the notes.
            tool-call: git_status {}
            tool-call: git_diff {}
            tool-call: git_add {"paths": ["."]}
            tool-call: git_commit {"message": "Notes tidied"}
            tool-call: git_branch {"name": "feature", "create": true}
            tool-call: write_file {"path": "notes.txt", "content": "scribbled\\n"}
            tool-call: git_restore {"paths": ["notes.txt"]}
            """);

    assertThat(repo.sprung()).as("after the first job").isEmpty();
    // The consolidate step did run git: its summary is in the plan request sent to the cloud.
    assertThat(cloud.requests("/v1/chat/completions").get(0).body().toString())
        .contains("## main", " M notes.txt");
    assertThat(toolOutputs())
        .contains("Notes tidied", "Switched to a new branch 'feature'", "Restored.");
    assertThat(repo.workspace().resolve("notes.txt")).hasContent("first\nsecond");

    String second =
        runJob(
            workspace,
            """
            Go back to main.
            tool-call: git_log {"count": 3}
            tool-call: git_branch {"name": "main"}
            tool-call: git_status {}
            tool-call: git_diff {"staged": true}
            """);

    assertThat(repo.sprung()).as("after the second job").isEmpty();
    assertThat(toolOutputs()).contains("Notes tidied\n", "Switched to branch 'main'");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void without_a_working_bubblewrap_run_shell_is_refused_with_a_way_out() throws Exception {
    Path workspace = dir.resolve("plain");
    java.nio.file.Files.createDirectories(workspace);

    runJob(
        workspace.toString(),
        """
        Make a file.
        tool-call: run_shell {"command": "touch made-by-shell.txt"}
        """);

    assertThat(workspace.resolve("made-by-shell.txt")).doesNotExist();
    assertThat(toolOutputs())
        .contains(
            "run_shell is off because there is no working sandbox: bubblewrap is not installed"
                + " (no program at tools.shell.bwrap: "
                + NO_BWRAP
                + "). Install bubblewrap (Debian/Ubuntu: sudo apt install bubblewrap; Fedora:"
                + " sudo dnf install bubblewrap) and restart coracle, or set"
                + " tools.shell.sandbox: none in coracle.yml to run commands without a sandbox.");
  }

  @Test
  void the_start_up_summary_and_the_status_answer_say_which_sandbox_mode_is_on() {
    String summary = StartupSummary.describe(coracle.server(), Duration.ofMillis(1));
    HttpResponse<String> status =
        post(coracle.url("/v1/chat/completions"), HttpCalls.chat("coracle-status", "status?", ""));

    assertThat(summary)
        .contains(
            "  access        no API key: any program on this machine may call; web pages refused\n")
        .contains(
            "  sandbox       auto — run_shell is off (no working sandbox: bubblewrap is not"
                + " installed (no program at tools.shell.bwrap: "
                + NO_BWRAP
                + ")); git runs hardened without a sandbox.");
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    assertThat(json(status).path("choices").path(0).path("message").path("content").asText())
        .contains("Sandbox: auto — run_shell is off (no working sandbox: ");
  }

  /** Submits a job and waits until it is done; returns its id. */
  private static String runJob(String workspace, String request) throws InterruptedException {
    HttpResponse<String> created =
        post(
            coracle.url("/api/jobs"),
            """
            {"messages": [{"role": "user", "content": %s}], "workspace": %s}
            """
                .formatted(HttpCalls.quote(request), HttpCalls.quote(workspace)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = json(created).path("id").asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode job = null;
    while (System.nanoTime() < deadline) {
      job = json(HttpCalls.get(coracle.url("/api/jobs/" + id)));
      String status = job.path("status").asText();
      if (status.equals("done")) {
        return id;
      }
      assertThat(status).as(job.toString()).isNotIn("failed", "cancelled");
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish: " + job);
  }

  /** Every tool result the coder model was shown, as the fake Ollama received them. */
  private static String toolOutputs() {
    StringBuilder all = new StringBuilder();
    ollama
        .requests("/api/chat")
        .forEach(
            request -> {
              for (JsonNode message : request.body().path("messages")) {
                if (message.path("role").asText().equals("tool")) {
                  all.append(message.path("content").asText()).append('\n');
                }
              }
            });
    return all.toString();
  }

  private static String config() {
    return JobFixtures.config(ollama, cloud)
        + """
        tools:
          shell:
            sandbox: auto
            bwrap: "%s"
        """
            .formatted(NO_BWRAP);
  }
}
