package dev.coracle.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm client, unmodified, against coracle whose provider is an
 * OpenAI-compatible server on loopback: the same code path a user's app takes.
 */
class OpenAiNodeClientIT {
  @Test
  void official_openai_npm_client_gets_plain_and_streamed_answers_and_tool_calls(@TempDir Path home)
      throws Exception {
    NodeClients.install();
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home,
                CoracleUnderTest.cloudOnly(
                    "providers:\n"
                        + CoracleUnderTest.openAiProvider("groqish", cloud.baseUrl(), "echo")))) {
      String output =
          NodeClients.run(
              List.of("node", "client-check.mjs", coracle.baseUrl() + "/v1", "coracle"));
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
}
