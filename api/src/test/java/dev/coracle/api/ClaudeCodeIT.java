package dev.coracle.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI ({@code claude -p}, npm {@code @anthropic-ai/claude-code}) pointed at
 * coracle: the fake model asks it to run {@code cat hello.txt} with its Bash tool, Claude Code runs
 * it in a temporary workspace, and the file's content reaches the model in the follow-up request.
 * Claude Code gets a temporary home and config directory and its nonessential traffic off, so it
 * needs no network beyond loopback. The model is a fake local Ollama: Claude Code's prompt (its
 * system prompt and two dozen tool schemas, some 40k tokens) is larger than the per-minute token
 * budget the fake OpenAI-compatible upstream advertises in its rate-limit headers.
 */
class ClaudeCodeIT {
  private static final String KEY = "sk-coracle-claude-code-test";
  private static final String FILE_TEXT = "the workspace says hello to claude";

  @Test
  void claude_p_runs_a_tool_through_coracle_and_sends_its_output_back(
      @TempDir Path home, @TempDir Path workspace, @TempDir Path userHome) throws Exception {
    NodeClients.install();
    Files.writeString(workspace.resolve("hello.txt"), FILE_TEXT + "\n");
    try (FakeOllamaServer ollama = new FakeOllamaServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home,
                CoracleUnderTest.withOllama(ollama.baseUrl(), "qwen-echo:7b", ""),
                Map.of("CORACLE_API_KEY", KEY))) {
      String prompt = "Show me hello.txt.\ntool-call: Bash {\"command\":\"cat hello.txt\"}";
      Process claude = claude(coracle.baseUrl(), workspace, userHome, prompt);
      Path log = userHome.resolve("claude.log");
      boolean done = claude.waitFor(240, TimeUnit.SECONDS);
      String output = Files.readString(log);
      if (!done) {
        claude.destroyForcibly();
      }
      List<RecordedRequest> requests = ollama.requests("/api/chat");
      String what = "claude output:\n" + output + "\nupstream requests:\n" + summary(requests);

      assertThat(done).as(what).isTrue();
      assertThat(claude.exitValue()).as(what).isZero();
      assertThat(output).as(what).contains("tool said: " + FILE_TEXT);
      RecordedRequest toolCall =
          requests.stream().filter(r -> offers(r, "Bash")).findFirst().orElseThrow();
      RecordedRequest followUp =
          requests.stream()
              .filter(r -> hasToolResult(r.body(), FILE_TEXT))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no follow-up with the file's text: " + what));
      assertThat(requests.indexOf(followUp)).isGreaterThan(requests.indexOf(toolCall));
    }
  }

  private static Process claude(String baseUrl, Path workspace, Path userHome, String prompt)
      throws Exception {
    Path binary = Path.of("target", "node-client", "node_modules", ".bin", "claude");
    // --allowedTools lets exactly the Bash tool run without asking; the alternative,
    // --dangerously-skip-permissions, allows every tool and is refused when running as root.
    ProcessBuilder builder =
        new ProcessBuilder(
                binary.toAbsolutePath().toString(),
                "-p",
                prompt,
                "--allowedTools",
                "Bash",
                "--output-format",
                "text")
            .directory(workspace.toFile())
            .redirectErrorStream(true)
            .redirectOutput(userHome.resolve("claude.log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("ANTHROPIC_") || name.startsWith("CLAUDE"));
    env.put("HOME", userHome.toString());
    env.put("CLAUDE_CONFIG_DIR", userHome.resolve(".claude").toString());
    env.put("ANTHROPIC_BASE_URL", baseUrl);
    env.put("ANTHROPIC_API_KEY", KEY);
    // No model variables: Claude Code asks for its own claude-* names, as it does for a user
    // who only set the base URL, and coracle's default aliases route them.
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    env.put("DISABLE_ERROR_REPORTING", "1");
    return builder.start();
  }

  private static boolean offers(RecordedRequest request, String tool) {
    for (JsonNode offered : request.body().path("tools")) {
      if (tool.equals(offered.at("/function/name").asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasToolResult(JsonNode body, String text) {
    for (JsonNode message : body.path("messages")) {
      if ("tool".equals(message.path("role").asText())
          && message.path("content").toString().contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static String summary(List<RecordedRequest> requests) {
    StringBuilder text = new StringBuilder();
    for (RecordedRequest request : requests) {
      JsonNode body = request.body();
      JsonNode messages = body.path("messages");
      JsonNode last = messages.isEmpty() ? body : messages.get(messages.size() - 1);
      text.append(body.path("model").asText())
          .append(" tools=")
          .append(body.path("tools").size())
          .append(" messages=")
          .append(messages.size())
          .append(" last=")
          .append(abbreviate(last.toString()))
          .append('\n');
    }
    return text.toString();
  }

  private static String abbreviate(String text) {
    return text.length() > 600 ? text.substring(0, 600) + "..." : text;
  }
}
