package dev.coracle.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm client's {@code completions.create}, unmodified, against coracle
 * whose local model is a fake Ollama: the calls an editor's autocomplete makes.
 */
class CompletionsNodeClientIT {
  @Test
  void official_openai_npm_client_gets_fill_in_the_middle_and_streamed_completions(
      @TempDir Path home) throws Exception {
    NodeClients.install();
    try (FakeOllamaServer ollama = new FakeOllamaServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home, CoracleUnderTest.withOllama(ollama.baseUrl(), "coder-echo:7b", ""))) {
      String output =
          NodeClients.run(
              List.of(
                  "node",
                  "completions-check.mjs",
                  coracle.baseUrl() + "/v1",
                  "gpt-3.5-turbo-instruct"));
      JsonNode result = HttpCalls.parse(output.lines().reduce((a, b) -> b).orElse(""));

      assertThat(result.path("object").asText()).isEqualTo("text_completion");
      assertThat(result.path("id").asText()).startsWith("cmpl-");
      assertThat(result.path("model").asText()).isEqualTo("gpt-3.5-turbo-instruct");
      assertThat(result.path("text").asText())
          .isEqualTo("echo: fill def add(a, b):\n    |\n\nprint(add(1, 2))");
      assertThat(result.path("finishReason").asText()).isEqualTo("stop");
      assertThat(result.at("/usage/total_tokens").asInt()).isPositive();
      assertThat(result.path("streamed").asText()).isEqualTo("echo: one two three four");
      assertThat(result.path("chunks").asInt()).isGreaterThan(3);
      assertThat(result.path("streamFinishReason").asText()).isEqualTo("stop");
      assertThat(result.at("/alias/alias_for").asText()).isEqualTo("coracle");
      assertThat(result.at("/refused/status").asInt()).isEqualTo(400);
      assertThat(result.at("/refused/param").asText()).isEqualTo("n");
      assertThat(
              ollama.requests("/api/generate").stream()
                  .filter(r -> r.body().path("suffix").asText().equals("\n\nprint(add(1, 2))")))
          .hasSize(1);
    }
  }
}
