package dev.coracle.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.mcp.McpNodePackages;
import dev.coracle.api.server.CoracleServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * coracle as an MCP server, checked with the official MCP inspector's command line: over streamable
 * HTTP at {@code /mcp}, and over stdio through {@code coracle mcp serve}.
 */
class McpServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path home;
  @TempDir static Path workspace;
  static CoracleServer coracle;

  @BeforeAll
  static void start() throws Exception {
    McpNodePackages.install();
    Files.createDirectories(home);
    Files.writeString(home.resolve("coracle.yml"), "local:\n  ollama:\n    enabled: false\n");
    coracle =
        CoracleServer.start(
            ConfigLoader.load(
                home,
                Map.of(
                    "CORACLE_SERVER_PORT",
                    "0",
                    "CORACLE_TEMPORAL_EMBEDDED_PORT",
                    "0",
                    "CORACLE_JOBS_WORKSPACE_ROOTS",
                    System.getProperty("java.io.tmpdir"))));
  }

  @AfterAll
  static void stop() {
    coracle.close();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + coracle.httpPort() + path;
  }

  private static JsonNode inspect(List<String> target, String... method) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("node", McpNodePackages.inspector().toString(), "--cli"));
    command.addAll(target);
    command.addAll(List.of(method));
    String output = McpNodePackages.run(command);
    return JSON.readTree(output.substring(output.indexOf('{')));
  }

  private static List<String> http() {
    return List.of(url("/mcp"), "--transport", "http");
  }

  private static JsonNode toolJson(JsonNode result) throws Exception {
    assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
    return JSON.readTree(result.at("/content/0/text").asText());
  }

  @Test
  void the_inspector_lists_coracles_job_tools_over_streamable_http() throws Exception {
    JsonNode tools = inspect(http(), "--method", "tools/list").path("tools");

    List<String> names = new ArrayList<>();
    tools.forEach(tool -> names.add(tool.path("name").asText()));
    assertThat(names)
        .containsExactlyInAnyOrder(
            "submit_job",
            "get_status",
            "list_jobs",
            "cancel_job",
            "job_events",
            "approve_job",
            "reject_job");
  }

  @Test
  void a_job_submitted_over_mcp_is_listed_and_shown_by_the_other_tools() throws Exception {
    JsonNode job =
        toolJson(
            inspect(
                http(),
                "--method",
                "tools/call",
                "--tool-name",
                "submit_job",
                "--tool-arg",
                "prompt=Add a README",
                "workspace=" + workspace));
    String id = job.path("id").asText();
    assertThat(id).startsWith("job-");
    assertThat(job.path("title").asText()).contains("Add a README");

    JsonNode page = toolJson(inspect(http(), "--method", "tools/call", "--tool-name", "list_jobs"));
    assertThat(page.toString()).contains(id);

    JsonNode shown =
        toolJson(
            inspect(
                http(),
                "--method",
                "tools/call",
                "--tool-name",
                "get_status",
                "--tool-arg",
                "id=" + id));
    assertThat(shown.path("id").asText()).isEqualTo(id);

    JsonNode events =
        toolJson(
            inspect(
                http(),
                "--method",
                "tools/call",
                "--tool-name",
                "job_events",
                "--tool-arg",
                "id=" + id));
    assertThat(events.path("events").get(0).path("type").asText()).isEqualTo("created");
  }

  @Test
  void a_request_the_jobs_api_refuses_is_a_tool_error_with_its_reason() throws Exception {
    JsonNode result =
        inspect(
            http(),
            "--method",
            "tools/call",
            "--tool-name",
            "get_status",
            "--tool-arg",
            "id=job-nope");

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.at("/content/0/text").asText()).contains("job-nope");
  }

  @Test
  void coracle_mcp_serve_bridges_stdio_to_the_running_coracle() throws Exception {
    List<String> stdio =
        List.of(
            "--transport",
            "stdio",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.coracle.api.Coracle",
            "mcp",
            "serve",
            "--url",
            url(""));

    JsonNode tools = inspect(stdio, "--method", "tools/list").path("tools");

    assertThat(tools.toString()).contains("\"submit_job\"", "\"list_jobs\"");
  }

  @Test
  void reload_picks_up_a_server_added_to_mcp_yml_while_coracle_runs() throws Exception {
    Files.writeString(
        home.resolve("mcp.yml"),
        "servers:\n  - name: everything\n    command: node\n    args: [\""
            + McpNodePackages.everythingServer()
            + "\"]\n");

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url("/api/mcp/reload")))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode server = JSON.readTree(response.body()).path("servers").get(0);
    assertThat(server.path("name").asText()).isEqualTo("everything");
    assertThat(server.path("status").asText()).isEqualTo("ok");
    assertThat(server.path("tools").toString()).contains("\"echo\"");
  }
}
