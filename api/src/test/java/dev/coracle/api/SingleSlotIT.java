package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.fakes.FakeOllamaServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single LLM slot: local generations never overlap, whatever the clients do. */
class SingleSlotIT {

  @Test
  void four_concurrent_local_requests_never_overlap_at_ollama(@TempDir Path home) {
    try (FakeOllamaServer ollama = new FakeOllamaServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home, CoracleUnderTest.withOllama(ollama.baseUrl(), "qwen:7b", ""))) {
      ollama.setGenerationDelay(Duration.ofMillis(400));
      String url = coracle.baseUrl() + "/v1/chat/completions";

      List<CompletableFuture<HttpResponse<String>>> calls =
          IntStream.range(0, 4)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () ->
                              post(
                                  url,
                                  chat(
                                      "coracle-fast",
                                      "question " + i,
                                      i % 2 == 0 ? "" : "\"stream\": true"))))
              .toList();
      List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

      assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
      assertThat(json(responses.get(0)).at("/choices/0/message/content").asText())
          .isEqualTo("echo: question 0");
      assertThat(ollama.requests("/api/chat")).hasSize(4);
      assertThat(ollama.maxConcurrentGenerations())
          .as("generations in flight at once at the Ollama server")
          .isEqualTo(1);
    }
  }
}
