package dev.coracle.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.HttpCalls;
import java.util.List;
import java.util.Random;

/**
 * Well-formed bodies for each route, the starting points that {@link JsonMutations} breaks. A route
 * the fuzzer does not know gets a generic object, so new routes are still covered.
 */
final class SampleBodies {
  private final String workspace;

  /**
   * @param workspace an existing directory jobs may run in
   */
  SampleBodies(String workspace) {
    this.workspace = workspace;
  }

  JsonNode sample(FuzzRoute route, Random random) {
    List<String> candidates = candidates(route.template());
    return HttpCalls.parse(candidates.get(random.nextInt(candidates.size())));
  }

  private List<String> candidates(String template) {
    return switch (template) {
      case "/v1/chat/completions" -> chats();
      case "/v1/embeddings" ->
          List.of(
              "{\"model\":\"coracle-embed\",\"input\":\"hello there\"}",
              "{\"model\":\"coracle-embed\",\"input\":[\"one\",\"two\"],\"encoding_format\":"
                  + "\"base64\",\"dimensions\":384}");
      case "/api/classify" -> List.of("{\"text\":\"refactor the parser and fix its tests\"}");
      case "/api/jobs" ->
          List.of(
              "{\"messages\":[{\"role\":\"user\",\"content\":\"write notes/a.txt\"}],"
                  + "\"workspace\":"
                  + HttpCalls.quote(workspace)
                  + ",\"class\":\"fast\"}",
              "{\"model\":\"coracle\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                  + "\"class\":\"deep\",\"workspace\":\"relative/dir\"}");
      case "/api/jobs/{id}/cancel" -> List.of("{\"reason\":\"no longer needed\"}", "{}");
      case "/mcp" -> mcp();
      case "/v1/messages", "/v1/messages/count_tokens" -> messages();
      default -> List.of("{}", "{\"name\":\"value\",\"n\":1,\"list\":[1,\"a\",null]}");
    };
  }

  private static List<String> chats() {
    String user = "{\"role\":\"user\",\"content\":\"what is 2 + 2?\"}";
    return List.of(
        "{\"model\":\"coracle\",\"messages\":[" + user + "]}",
        "{\"model\":\"coracle-fast\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
            + user
            + "]}",
        "{\"model\":\"cloud/job\",\"temperature\":0.2,\"top_p\":0.9,\"max_tokens\":50,"
            + "\"stop\":[\"END\"],\"seed\":7,\"n\":1,\"user\":\"u\",\"messages\":["
            + user
            + "]}",
        "{\"model\":\"coracle\",\"messages\":["
            + user
            + ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"add\",\"arguments\":\"{}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"4\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"add\","
            + "\"parameters\":{\"type\":\"object\"}}}],\"tool_choice\":\"auto\"}",
        "{\"model\":\"coracle\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
            + "{\"name\":\"a\",\"schema\":{\"type\":\"object\"}}},\"messages\":[{\"role\":"
            + "\"user\",\"content\":[{\"type\":\"text\",\"text\":\"answer in JSON\"}]}]}");
  }

  private static List<String> messages() {
    String user = "{\"role\":\"user\",\"content\":\"what is 2 + 2?\"}";
    return List.of(
        "{\"model\":\"coracle\",\"max_tokens\":100,\"messages\":[" + user + "]}",
        "{\"model\":\"coracle-fast\",\"max_tokens\":50,\"stream\":true,\"system\":"
            + "[{\"type\":\"text\",\"text\":\"be brief\",\"cache_control\":{\"type\":"
            + "\"ephemeral\"}}],\"messages\":["
            + user
            + "]}",
        "{\"model\":\"coracle\",\"max_tokens\":100,\"messages\":["
            + user
            + ",{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
            + "\"name\":\"add\",\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":"
            + "\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"4\"}]}],\"tools\":[{"
            + "\"name\":\"add\",\"input_schema\":{\"type\":\"object\"}},{\"type\":"
            + "\"web_search_20250305\",\"name\":\"web_search\"}],\"tool_choice\":{\"type\":"
            + "\"auto\"}}");
  }

  private static List<String> mcp() {
    return List.of(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\","
            + "\"version\":\"1\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"list_jobs\",\"arguments\":{\"status\":\"done\",\"limit\":5}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"get_status\",\"arguments\":{\"id\":\"job-none\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"job_events\",\"arguments\":{\"id\":\"job-none\",\"after_seq\":0,\"limit\":10}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"submit_job\",\"arguments\":{\"prompt\":\"write b.md\",\"workspace\":"
            + "\"/definitely/not/here\"}}}");
  }
}
