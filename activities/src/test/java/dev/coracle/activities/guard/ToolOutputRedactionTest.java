package dev.coracle.activities.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.tools.ToolActivitiesImpl;
import dev.coracle.activities.tools.web.LocalWeb;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.job.ToolInvocation;
import dev.coracle.workflows.job.ToolResult;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tool's output, as the tool formats it, loses its secrets before it goes to a cloud model:
 * the real tools run on real files (a {@code .env}, a YAML config, a git repository, a web page on
 * loopback), and the tool message goes through the same guardrails a cloud call does. Each test
 * first checks that the tool really returned the secret, so a tool that stopped showing it cannot
 * make the test pass.
 */
class ToolOutputRedactionTest {

  static final String DB_PASSWORD = "hunter2-Prod-7731";
  static final String OPENAI_KEY = SecretFixtures.OPENAI_KEY;
  static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
  static final String GITHUB_TOKEN = "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R";
  static final String YAML_PASSWORD = "s3cr3t-Pa55-yaml";

  static final String ENV =
      "# local only\n"
          + "DB_HOST=localhost\n"
          + "DB_PASSWORD="
          + DB_PASSWORD
          + "\n"
          + "OPENAI_API_KEY="
          + OPENAI_KEY
          + "\n"
          + "export AWS_ACCESS_KEY_ID="
          + AWS_KEY
          + "\n";

  static final String YAML = "database:\n  user: app\n  password: " + YAML_PASSWORD + "\n";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  ApplicationContext context;
  ToolActivitiesImpl tools;
  Guardrails guard;
  Path workspace;

  @BeforeEach
  void setUp() throws IOException {
    workspace = Files.createDirectories(dir.resolve("ws")).toRealPath();
    TestWorkspaces.write(workspace, ".env", ENV);
    TestWorkspaces.write(workspace, "config/app.yml", YAML);
    startCoracle("");
  }

  /**
   * @param allowedHost a {@code host:port} web_fetch may reach, or empty for none
   */
  private void startCoracle(String allowedHost) throws IOException {
    context =
        TestWorkspaces.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-11-20T12:00:00Z")),
            TestWorkspaces.config(
                dir.resolve("home"),
                """
                tools:
                  web:
                    allow-hosts: [%s]
                """
                    .formatted(allowedHost.isEmpty() ? "" : "\"" + allowedHost + "\"")));
    tools = context.getBean(ToolActivitiesImpl.class);
    guard = context.getBean(Guardrails.class);
  }

  @AfterEach
  void tearDown() {
    context.close();
  }

  @Test
  void grep_lines_of_a_dotenv_and_a_yaml_file() {
    String sent = sentToCloud("grep", Map.of("pattern", "(?i)password"), DB_PASSWORD);

    assertThat(sent)
        .isEqualTo(
            "2 matching lines in 2 files:\n"
                + ".env:3: DB_PASSWORD=[REDACTED:env_secret]\n"
                + "config/app.yml:3:   password: [REDACTED:config_secret]\n");
  }

  @Test
  void read_file_of_a_dotenv() {
    String sent = sentToCloud("read_file", Map.of("path", ".env"), OPENAI_KEY);

    assertThat(sent)
        .isEqualTo(
            ".env: lines 1-5 of 5\n"
                + "# local only\n"
                + "DB_HOST=localhost\n"
                + "DB_PASSWORD=[REDACTED:env_secret]\n"
                + "OPENAI_API_KEY=[REDACTED:openai_key]\n"
                + "export AWS_ACCESS_KEY_ID=[REDACTED:aws_access_key]\n");
  }

  @Test
  void glob_of_a_file_named_after_a_key() throws IOException {
    TestWorkspaces.write(workspace, "keys/" + AWS_KEY + ".csv", "id,secret\n");

    String sent = sentToCloud("glob", Map.of("pattern", "**/*.csv"), AWS_KEY);

    assertThat(sent).contains("keys/[REDACTED:aws_access_key].csv").doesNotContain(AWS_KEY);
  }

  @Test
  void git_diff_of_a_changed_password() throws IOException {
    TestWorkspaces.git(workspace, "init", "-q", "-b", "main");
    TestWorkspaces.write(workspace, ".env", "DB_PASSWORD=old-Pa55word-2025\n");
    TestWorkspaces.git(workspace, "add", ".env");
    TestWorkspaces.git(workspace, "commit", "-q", "-m", "env");
    TestWorkspaces.write(workspace, ".env", ENV);

    String sent = sentToCloud("git_diff", Map.of(), DB_PASSWORD);

    assertThat(sent)
        .contains(
            "-DB_PASSWORD=[REDACTED:env_secret]\n",
            "+DB_PASSWORD=[REDACTED:env_secret]\n",
            "+OPENAI_API_KEY=[REDACTED:openai_key]\n",
            "+export AWS_ACCESS_KEY_ID=[REDACTED:aws_access_key]\n")
        .doesNotContain("old-Pa55word-2025");
  }

  @Test
  void git_log_of_a_commit_message_with_a_token() throws IOException {
    TestWorkspaces.git(workspace, "init", "-q", "-b", "main");
    TestWorkspaces.git(workspace, "add", "config/app.yml");
    TestWorkspaces.git(workspace, "commit", "-q", "-m", "Deploy with " + GITHUB_TOKEN);

    String sent = sentToCloud("git_log", Map.of("count", 5), GITHUB_TOKEN);

    assertThat(sent).contains("Test: Deploy with [REDACTED:github_token]");
  }

  @Test
  void run_shell_printing_a_dotenv_and_grepping_it() {
    String cat = sentToCloud("run_shell", Map.of("command", "cat .env"), DB_PASSWORD);
    String grep = sentToCloud("run_shell", Map.of("command", "grep -rn PASSWORD ."), DB_PASSWORD);

    assertThat(cat)
        .contains("DB_PASSWORD=[REDACTED:env_secret]\n", "OPENAI_API_KEY=[REDACTED:openai_key]\n");
    assertThat(grep).contains("./.env:3:DB_PASSWORD=[REDACTED:env_secret]");
  }

  @Test
  void web_fetch_of_a_page_that_shows_a_config() throws IOException {
    try (LocalWeb web =
        new LocalWeb()
            .page(
                "/setup",
                "text/html",
                "<html><body><h1>Setup</h1><pre>"
                    + ENV
                    + "</pre><pre>"
                    + YAML
                    + "</pre>"
                    + "</body></html>")) {
      context.close();
      startCoracle("127.0.0.1:" + web.port());
      String sent =
          sentToCloud("web_fetch", Map.of("url", web.url("/setup")), DB_PASSWORD, YAML_PASSWORD);

      assertThat(sent)
          .contains(
              "DB_PASSWORD=[REDACTED:env_secret]",
              "OPENAI_API_KEY=[REDACTED:openai_key]",
              "password: [REDACTED:config_secret]");
    }
  }

  /**
   * Runs the tool as a job does, checks that its output holds every one of {@code secrets}, and
   * returns the tool message as the guardrails let it go to a cloud model.
   */
  private String sentToCloud(String tool, Map<String, ?> arguments, String... secrets) {
    ToolCall call = new ToolCall("call-1", tool, json(arguments));
    ToolResult result = tools.run(new ToolInvocation("job-1", workspace.toString(), 1, call));
    assertThat(result.error()).as(result.output()).isFalse();
    assertThat(result.output()).contains(secrets);
    List<ChatMessage> sent =
        guard.forCloud(
            List.of(new ChatMessage("tool", result.output(), null, call.id(), null)),
            "job-1",
            "job");
    String content = sent.get(0).content();
    for (String secret : List.of(DB_PASSWORD, OPENAI_KEY, AWS_KEY, GITHUB_TOKEN, YAML_PASSWORD)) {
      assertThat(content).doesNotContain(secret);
    }
    return content;
  }

  private static String json(Map<String, ?> arguments) {
    try {
      return JSON.writeValueAsString(arguments);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
