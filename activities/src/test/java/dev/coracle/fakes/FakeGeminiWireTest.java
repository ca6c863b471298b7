package dev.coracle.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Gemini's bytes on the wire, as Google's API sends them. */
class FakeGeminiWireTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HELLO =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi there\"}]}]}";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private FakeGeminiServer server;

  @BeforeEach
  void start() {
    server = new FakeGeminiServer().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void generate_content_answers_with_candidates_finish_reason_and_usage() throws Exception {
    HttpResponse<String> response = post("echo:generateContent", HELLO);

    JsonNode body = JSON.readTree(response.body());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("echo: hi there");
    assertThat(body.at("/candidates/0/content/role").asText()).isEqualTo("model");
    assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(body.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(2);
    assertThat(body.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(3);
    assertThat(body.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(5);
  }

  @Test
  void stream_sends_one_event_per_piece_and_finishes_on_the_last() throws Exception {
    HttpResponse<String> response = post("echo:streamGenerateContent?alt=sse", HELLO);

    assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
    assertThat(response.body()).contains("\r\n\r\n");
    List<JsonNode> events = new ArrayList<>();
    for (String line : response.body().split("\r\n")) {
      if (line.startsWith("data: ")) {
        events.add(JSON.readTree(line.substring("data: ".length())));
      }
    }
    assertThat(events).hasSize(3);
    assertThat(events.get(0).at("/candidates/0").has("finishReason")).isFalse();
    JsonNode last = events.get(2);
    assertThat(last.at("/candidates/0/content/parts/0/text").asText()).isEqualTo(" there");
    assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(3);
  }

  @Test
  void tool_call_is_a_function_call_part_with_object_arguments() throws Exception {
    String body =
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
            + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"search\"}]}]}";

    JsonNode answer = JSON.readTree(post("echo:generateContent", body).body());

    JsonNode call = answer.at("/candidates/0/content/parts/0/functionCall");
    assertThat(call.path("name").asText()).isEqualTo("search");
    assertThat(call.path("args")).isEqualTo(JSON.readTree("{\"query\":\"hi\"}"));
    assertThat(answer.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
  }

  @Test
  void per_day_and_per_minute_429s_carry_google_quota_details() throws Exception {
    HttpResponse<String> day = post("rate-limited-day:generateContent", HELLO);
    HttpResponse<String> minute = post("rate-limited:generateContent", HELLO);

    assertThat(day.statusCode()).isEqualTo(429);
    JsonNode error = JSON.readTree(day.body()).path("error");
    assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(error.at("/details/0/@type").asText())
        .isEqualTo("type.googleapis.com/google.rpc.QuotaFailure");
    assertThat(error.at("/details/0/violations/0/quotaId").asText())
        .isEqualTo("GenerateRequestsPerDayPerProjectPerModel-FreeTier");
    assertThat(error.at("/details/2/retryDelay").asText()).isEqualTo("41s");
    JsonNode perMinute = JSON.readTree(minute.body()).path("error");
    assertThat(perMinute.at("/details/0/violations/0/quotaId").asText())
        .isEqualTo("GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
    assertThat(perMinute.at("/details/2/retryDelay").asText()).isEqualTo("13s");
  }

  @Test
  void requests_without_a_key_are_refused_like_google_does() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models/echo:generateContent"))
            .POST(HttpRequest.BodyPublishers.ofString(HELLO))
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(response.body()).at("/error/status").asText())
        .isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void conversation_reads_as_openai_messages() throws Exception {
    JsonNode body =
        JSON.readTree(
            """
            {"systemInstruction":{"parts":[{"text":"be brief"}]},
             "contents":[
               {"role":"user","parts":[{"text":"find foo"}]},
               {"role":"model","parts":[{"functionCall":{"id":"call_1","name":"search","args":{"q":"foo"}}}]},
               {"role":"user","parts":[{"functionResponse":{"id":"call_1","name":"search",
                 "response":{"response":"3 matches"}}}]}]}
            """);

    JsonNode messages = GeminiWire.messages(body);

    assertThat(messages.findValuesAsText("role"))
        .containsExactly("system", "user", "assistant", "tool");
    assertThat(messages.at("/2/tool_calls/0/function/arguments").asText())
        .isEqualTo("{\"q\":\"foo\"}");
    assertThat(messages.at("/3/tool_call_id").asText()).isEqualTo("call_1");
    assertThat(messages.at("/3/content").asText()).isEqualTo("3 matches");
  }

  private HttpResponse<String> post(String modelAndMethod, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models/" + modelAndMethod))
            .header("Content-Type", "application/json")
            .header("x-goog-api-key", "test-key")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
