package dev.coracle.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.NodeClients;
import dev.coracle.fakes.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code @anthropic-ai/sdk} npm client, unmodified, against coracle: {@code
 * messages.create}, {@code messages.stream} with {@code finalMessage()} (which parses every event),
 * tools, and {@code messages.countTokens}.
 */
class AnthropicSdkIT {
  @Test
  void official_anthropic_sdk_gets_well_formed_messages_streams_and_counts(@TempDir Path home)
      throws Exception {
    NodeClients.install();
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home,
                CoracleUnderTest.cloudOnly(
                    "providers:\n"
                        + CoracleUnderTest.openAiProvider("fake", cloud.baseUrl(), "echo")))) {
      String output =
          NodeClients.run(List.of("node", "messages-check.mjs", coracle.baseUrl(), "fake/echo"));
      JsonNode result = HttpCalls.parse(output.lines().reduce((a, b) -> b).orElse(""));

      assertThat(result.at("/plain/id").asText()).as(output).startsWith("msg_");
      assertThat(result.at("/plain/type").asText()).isEqualTo("message");
      assertThat(result.at("/plain/model").asText()).isEqualTo("fake/echo");
      assertThat(result.at("/plain/text").asText()).isEqualTo("echo: hello from the anthropic sdk");
      assertThat(result.at("/plain/stopReason").asText()).isEqualTo("end_turn");
      assertThat(result.at("/plain/usage/output_tokens").asInt()).isPositive();
      assertThat(result.at("/toolUse/name").asText()).isEqualTo("read_file");
      assertThat(result.at("/toolUse/input/query").asText()).isEqualTo("open README.md");
      assertThat(result.path("toolStopReason").asText()).isEqualTo("tool_use");
      assertThat(result.path("followUp").asText()).isEqualTo("tool said: # coracle");
      JsonNode streamed = result.path("streamed");
      assertThat(streamed.path("stopReason").asText()).isEqualTo("tool_use");
      assertThat(streamed.at("/content/0/type").asText()).isEqualTo("tool_use");
      assertThat(streamed.at("/content/0/name").asText()).isEqualTo("read_file");
      assertThat(streamed.at("/content/0/input/query").asText()).isEqualTo("open pom.xml");
      assertThat(streamed.at("/usage/output_tokens").asInt()).isPositive();
      assertThat(streamed.path("eventTypes").toString())
          .contains("message_start", "content_block_start", "content_block_delta")
          .contains("content_block_stop", "message_delta", "message_stop");
      assertThat(result.path("text").asText()).isEqualTo("echo: stream to the sdk please");
      assertThat(result.at("/textFinal/content/0/text").asText())
          .isEqualTo("echo: stream to the sdk please");
      assertThat(result.at("/textFinal/stopReason").asText()).isEqualTo("end_turn");
      assertThat(result.at("/counted/input_tokens").asInt()).isPositive();
      assertThat(result.at("/notFound/status").asInt()).isEqualTo(404);
      assertThat(result.at("/notFound/type").asText()).isEqualTo("not_found_error");
      assertThat(result.at("/notFound/name").asText()).isEqualTo("NotFoundError");
    }
  }
}
