package dev.coracle.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm client, unmodified, against coracle whose provider is an
 * OpenAI-compatible server on loopback: the same code path a user's app takes.
 */
class OpenAiNodeClientIT {
  private static final Path CLIENT_SOURCES = Path.of("src", "test", "node");
  private static final Path CLIENT_DIR = Path.of("target", "node-client");

  @Test
  void official_openai_npm_client_gets_plain_and_streamed_answers_and_tool_calls(@TempDir Path home)
      throws Exception {
    installClient();
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home,
                CoracleUnderTest.cloudOnly(
                    "providers:\n"
                        + CoracleUnderTest.openAiProvider("groqish", cloud.baseUrl(), "echo")))) {
      String output =
          run(List.of("node", "client-check.mjs", coracle.baseUrl() + "/v1", "coracle"));
      JsonNode result = HttpCalls.parse(output.lines().reduce((a, b) -> b).orElse(""));

      assertThat(result.path("modelIds").toString()).contains("\"coracle\"", "\"groqish/echo\"");
      assertThat(result.path("content").asText()).isEqualTo("echo: hello from node");
      assertThat(result.path("finishReason").asText()).isEqualTo("stop");
      assertThat(result.at("/usage/total_tokens").asInt()).isPositive();
      assertThat(result.path("streamed").asText()).isEqualTo("echo: stream to node please");
      assertThat(result.path("chunks").asInt()).isGreaterThan(3);
      assertThat(result.path("streamFinishReason").asText()).isEqualTo("stop");
      assertThat(result.at("/streamUsage/completion_tokens").asInt()).isPositive();
      assertThat(result.at("/notFound/status").asInt()).isEqualTo(404);
      assertThat(result.at("/notFound/code").asText()).isEqualTo("model_not_found");
      assertThat(result.at("/toolCall/id").asText()).isNotBlank();
      assertThat(result.at("/toolCall/function/name").asText()).isEqualTo("read_file");
      assertThat(
              HttpCalls.parse(result.at("/toolCall/function/arguments").asText())
                  .path("query")
                  .asText())
          .isEqualTo("open README.md");
      assertThat(result.path("toolFinishReason").asText()).isEqualTo("tool_calls");
      assertThat(result.path("streamedCalls")).hasSize(1);
      JsonNode streamedCall = result.path("streamedCalls").get(0);
      assertThat(streamedCall.path("name").asText()).isEqualTo("read_file");
      assertThat(streamedCall.path("pieces").asInt()).isGreaterThan(2);
      assertThat(HttpCalls.parse(streamedCall.path("arguments").asText()).path("query").asText())
          .isEqualTo("open pom.xml");
      assertThat(result.path("toolStreamFinishReason").asText()).isEqualTo("tool_calls");
      assertThat(result.path("followUp").asText()).isEqualTo("tool said: # coracle");
      assertThat(cloud.requests("/v1/chat/completions")).hasSize(5);
    }
  }

  private static void installClient() throws Exception {
    Files.createDirectories(CLIENT_DIR);
    for (String file : List.of("package.json", "client-check.mjs")) {
      Files.copy(
          CLIENT_SOURCES.resolve(file),
          CLIENT_DIR.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(CLIENT_DIR.resolve("node_modules").resolve("openai"))) {
      run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("node-client", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(CLIENT_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = process.waitFor(180, TimeUnit.SECONDS);
    String output = Files.readString(log);
    if (!done) {
      process.destroyForcibly();
      throw new AssertionError(command + " timed out: " + output);
    }
    assertThat(process.exitValue()).as(command + " output: " + output).isZero();
    return output;
  }
}
