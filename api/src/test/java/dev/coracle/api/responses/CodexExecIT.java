package dev.coracle.api.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.NodeClients;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.RecordedRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code codex exec} (npm {@code @openai/codex}) pointed at coracle through a {@code
 * config.toml} provider with {@code wire_api = "responses"}: the fake upstream, scripted by the
 * prompt, makes codex run a shell command in a temporary git workspace, and codex's follow-up turn
 * carries the command's output back through coracle.
 *
 * <p>The upstream is the fake local Ollama: codex's requests are about 10,000 tokens (its
 * instructions and tool schemas), more than the per-minute token budget the fake cloud server
 * announces in its rate-limit headers, which coracle rightly honours.
 *
 * <p>Codex runs with {@code --dangerously-bypass-approvals-and-sandbox}: its own sandbox needs
 * Landlock, seccomp and user namespaces, which CI containers often lack, and the only command here
 * is the scripted {@code cat} of a file in a temporary directory. Proxy variables point at a closed
 * loopback port, so any attempt to reach beyond loopback (updates, telemetry) fails instead of
 * leaving the machine.
 */
class CodexExecIT {
  private static final String KEY = "ck-codex-81c4";
  private static final String MODEL = "ollama/qwen-echo:7b";
  private static final Path CODEX =
      Path.of("target", "node-client", "node_modules", ".bin", "codex");

  @Test
  void codex_exec_runs_a_tool_through_coracle_and_sends_its_output_back(
      @TempDir Path home, @TempDir Path codexHome, @TempDir Path workspace) throws Exception {
    NodeClients.install();
    try (FakeOllamaServer ollama = new FakeOllamaServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home, localOnly(ollama.baseUrl()), Map.of("CORACLE_API_KEY", KEY))) {
      HttpCalls.post(coracle.url("/api/classify"), "{\"text\":\"warm up\"}", "x-api-key", KEY);
      Files.writeString(codexHome.resolve("config.toml"), config(coracle.baseUrl() + "/v1"));
      Files.writeString(workspace.resolve("hello.txt"), "greetings from the workspace\n");
      run(workspace, List.of("git", "init", "-q", "."), Map.of(), 30);

      String prompt =
          "Show me what hello.txt says.\n" + "tool-call: exec_command {\"cmd\":\"cat hello.txt\"}";
      Result codex =
          run(
              workspace,
              List.of(
                  CODEX.toAbsolutePath().toString(),
                  "exec",
                  "--dangerously-bypass-approvals-and-sandbox",
                  prompt),
              Map.of(
                  "CODEX_HOME", codexHome.toString(),
                  "CORACLE_TEST_KEY", KEY,
                  "HTTPS_PROXY", "http://127.0.0.1:9",
                  "HTTP_PROXY", "http://127.0.0.1:9",
                  "ALL_PROXY", "http://127.0.0.1:9",
                  "NO_PROXY", "127.0.0.1,localhost"),
              240);

      assertThat(codex.exit()).as(codex.output()).isZero();
      List<RecordedRequest> turns = ollama.requests("/api/chat");
      assertThat(turns).as(codex.output()).hasSizeGreaterThanOrEqualTo(2);
      JsonNode first = turns.get(0).body();
      List<String> offered = new ArrayList<>();
      first.path("tools").forEach(t -> offered.add(t.at("/function/name").asText()));
      assertThat(offered).contains("exec_command");
      JsonNode followUp = turns.get(1).body().path("messages");
      List<String> toolResults = new ArrayList<>();
      followUp.forEach(
          m -> {
            if (m.path("role").asText().equals("tool")) {
              toolResults.add(m.path("content").asText());
            }
          });
      assertThat(toolResults).as(followUp.toString()).hasSize(1);
      assertThat(toolResults.get(0)).contains("greetings from the workspace");
      assertThat(codex.output()).contains("tool said:");
    }
  }

  /** A codex home whose default provider is this coracle, speaking the Responses API. */
  private static String config(String baseUrl) {
    return """
        model = "%s"
        model_provider = "coracle"
        approval_policy = "never"
        check_for_update_on_startup = false

        [model_providers.coracle]
        name = "coracle"
        base_url = "%s"
        wire_api = "responses"
        env_key = "CORACLE_TEST_KEY"
        request_max_retries = 0
        stream_max_retries = 0

        [analytics]
        enabled = false

        [feedback]
        enabled = false
        """
        .formatted(MODEL, baseUrl);
  }

  /** Coracle with only the fake local Ollama as its upstream. */
  private static String localOnly(String ollamaBaseUrl) {
    return """
        local:
          ollama:
            base-url: "%s"
            reasoning-model: "qwen-echo:7b"
            coder-model: "qwen-echo:7b"
            timeout-seconds: 60
        """
        .formatted(ollamaBaseUrl);
  }

  record Result(int exit, String output) {}

  private static Result run(Path dir, List<String> command, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("codex-exec", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            // Codex reads more prompt from a stdin that is not a terminal; there is none.
            .redirectInput(new File("/dev/null"));
    builder.environment().remove("OPENAI_API_KEY");
    builder.environment().remove("OPENAI_BASE_URL");
    builder.environment().putAll(env);
    Process process = builder.start();
    boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
      throw new AssertionError(command.get(0) + " timed out: " + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log));
  }
}
