package dev.coracle.api.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.NodeClients;
import dev.coracle.fakes.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm SDK, unmodified, on coracle's {@code /v1/responses}: plain and
 * streamed answers, function tools, {@code previous_response_id} and retrieval, every event parsed
 * by the SDK itself and checked by its stream helper.
 */
class ResponsesNodeClientIT {
  @Test
  void official_openai_sdk_gets_well_formed_responses_plain_streamed_with_tools_and_continued(
      @TempDir Path home) throws Exception {
    NodeClients.install();
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home,
                CoracleUnderTest.cloudOnly(
                    "providers:\n"
                        + CoracleUnderTest.openAiProvider("cloud", cloud.baseUrl(), "echo")))) {
      HttpCalls.post(coracle.url("/api/classify"), "{\"text\":\"warm up\"}");
      String output =
          NodeClients.run(
              List.of(
                  "node",
                  "responses-check.mjs",
                  coracle.baseUrl() + "/v1",
                  "any-key-works",
                  "cloud/echo"));
      JsonNode result = HttpCalls.parse(output.lines().reduce((a, b) -> b).orElse(""));

      assertThat(result.path("plainText").asText()).isEqualTo("echo: hello from node");
      assertThat(result.path("plainStatus").asText()).isEqualTo("completed");
      assertThat(result.at("/usage/total_tokens").asInt()).isPositive();
      List<String> types = new ArrayList<>();
      result.path("types").forEach(t -> types.add(t.asText()));
      assertThat(types)
          .startsWith("response.created", "response.in_progress")
          .contains("response.output_text.delta", "response.output_item.done")
          .endsWith("response.completed");
      for (int i = 0; i < result.path("sequence").size(); i++) {
        assertThat(result.path("sequence").get(i).asInt()).isEqualTo(i);
      }
      assertThat(result.path("streamed").asText()).isEqualTo("echo: stream to node please");
      assertThat(result.path("completedText").asText()).isEqualTo("echo: stream to node please");
      assertThat(result.at("/completedUsage/output_tokens").asInt()).isPositive();
      assertThat(result.path("helperText").asText()).isEqualTo("echo: helper stream please");
      assertThat(result.path("helperFinalText").asText()).isEqualTo("echo: helper stream please");
      assertThat(result.at("/call/name").asText()).isEqualTo("read_file");
      assertThat(HttpCalls.parse(result.at("/call/arguments").asText()).path("query").asText())
          .isEqualTo("open README.md");
      assertThat(result.path("argumentDeltas").asInt()).isGreaterThan(1);
      assertThat(result.at("/streamedCall/name").asText()).isEqualTo("read_file");
      assertThat(
              HttpCalls.parse(result.at("/streamedCall/arguments").asText()).path("query").asText())
          .isEqualTo("open pom.xml");
      assertThat(result.path("followUpText").asText()).isEqualTo("tool said: # coracle");
      assertThat(result.path("followUpPrevious").asText()).startsWith("resp_");
      assertThat(result.path("retrievedText").asText()).isEqualTo("tool said: # coracle");
      assertThat(result.at("/notFound/status").asInt()).isEqualTo(404);
      assertThat(result.at("/notFound/code").asText()).isEqualTo("not_found");
      assertThat(cloud.requests("/v1/chat/completions")).hasSize(6);
    }
  }
}
