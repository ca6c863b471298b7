package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.job.JobQueries;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.JobFixtures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Workspaces outside {@code jobs.workspace-roots}, a root itself, {@code $CORACLE_HOME}, hidden
 * directories and symlinks that lead out are refused at every door, 400 {@code
 * workspace_not_allowed} (a tool error over MCP), and leave no job in the store. The root is a
 * temporary "home" set explicitly, with coracle's home inside it.
 */
class WorkspaceRootsIT {
  @TempDir static Path temp;

  static Path userHome;
  static Path coracleHome;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() throws IOException {
    userHome = Files.createDirectories(temp.resolve("home/ada"));
    coracleHome = Files.createDirectories(userHome.resolve("coracle"));
    Files.createDirectories(userHome.resolve(".ssh"));
    Files.createDirectories(coracleHome.resolve("logs"));
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.createSymbolicLink(userHome.resolve("escape"), outside);
    coracle =
        CoracleUnderTest.start(
            coracleHome,
            CoracleUnderTest.cloudOnly(""),
            Map.of("CORACLE_JOBS_WORKSPACE_ROOTS", userHome.toString()));
  }

  @AfterAll
  static void stop() {
    coracle.close();
  }

  /** Each refused workspace with a phrase of the rule it breaks. */
  static Stream<Arguments> refused() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("/", "not inside a workspace root");
    cases.put("/etc", "not inside a workspace root");
    cases.put(userHome.toString(), "workspace root itself");
    cases.put(userHome.resolve(".ssh").toString(), "hidden directory");
    cases.put(coracleHome.toString(), "CORACLE_HOME");
    cases.put(coracleHome.resolve("logs").toString(), "CORACLE_HOME");
    cases.put(userHome.resolve("escape").toString(), "not inside a workspace root");
    cases.put(userHome.resolve("no-such-dir").toString(), "does not exist");
    cases.put("projects/app", "must be an absolute path");
    return cases.entrySet().stream().map(c -> Arguments.of(c.getKey(), c.getValue()));
  }

  @ParameterizedTest(name = "POST /api/jobs {0}")
  @MethodSource("refused")
  void the_jobs_api_refuses_it_with_400_and_writes_no_job(String workspace, String rule) {
    long before = storedJobs();
    HttpResponse<String> response =
        post(coracle.url("/api/jobs"), JobFixtures.jobBody("Tidy up", workspace));

    assertNotAllowed(response, workspace, rule, "workspace");
    assertThat(storedJobs()).isEqualTo(before);
  }

  @ParameterizedTest(name = "x-coracle-workspace on /api/jobs {0}")
  @MethodSource("refused")
  void the_jobs_api_refuses_it_as_a_header_too(String workspace, String rule) {
    long before = storedJobs();
    HttpResponse<String> response =
        post(
            coracle.url("/api/jobs"),
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Tidy up\"}]}",
            "x-coracle-workspace",
            workspace);

    assertNotAllowed(response, workspace, rule, "workspace");
    assertThat(storedJobs()).isEqualTo(before);
  }

  @ParameterizedTest(name = "chat {0}")
  @MethodSource("refused")
  void a_chat_with_it_in_x_coracle_workspace_is_refused_before_anything_runs(
      String workspace, String rule) {
    long before = storedJobs();
    HttpResponse<String> response =
        post(
            coracle.url("/v1/chat/completions"),
            HttpCalls.chat("coracle-deep", "Tidy up", ""),
            "x-coracle-workspace",
            workspace);

    assertNotAllowed(response, workspace, rule, "x-coracle-workspace");
    assertThat(storedJobs()).isEqualTo(before);
  }

  @ParameterizedTest(name = "MCP submit_job {0}")
  @MethodSource("refused")
  void the_mcp_submit_job_tool_refuses_it_with_a_tool_error(String workspace, String rule) {
    long before = storedJobs();
    JsonNode result = McpSubmitJob.call(coracle.baseUrl(), "Tidy up", workspace);

    assertThat(result.path("isError").asBoolean()).as(result.toString()).isTrue();
    assertThat(McpSubmitJob.text(result))
        .startsWith("workspace_not_allowed: ")
        .contains(rule, "jobs.workspace-roots");
    assertThat(storedJobs()).isEqualTo(before);
  }

  @Test
  void a_directory_inside_the_root_and_a_fresh_coracle_workspace_are_accepted() throws Exception {
    Path project = Files.createDirectories(userHome.resolve("projects/app"));
    Path viaLink = Files.createSymbolicLink(userHome.resolve("app-link"), project);
    Path fresh = Files.createDirectories(coracleHome.resolve("workspaces/job-earlier"));
    Path other = Files.createDirectories(userHome.resolve("projects/site"));
    long before = storedJobs();

    HttpResponse<String> inRoot =
        post(coracle.url("/api/jobs"), JobFixtures.jobBody("Tidy up", viaLink.toString()));
    HttpResponse<String> inFresh =
        post(coracle.url("/api/jobs"), JobFixtures.jobBody("Tidy up", fresh.toString()));
    JsonNode overMcp = McpSubmitJob.call(coracle.baseUrl(), "Tidy up", other.toString());

    assertThat(inRoot.statusCode()).as(inRoot.body()).isEqualTo(202);
    // The job holds the real path, so a symlink and its target are one workspace.
    assertThat(json(inRoot).path("workspace").asText()).isEqualTo(project.toRealPath().toString());
    assertThat(inFresh.statusCode()).as(inFresh.body()).isEqualTo(202);
    assertThat(overMcp.path("isError").asBoolean()).as(overMcp.toString()).isFalse();
    assertThat(storedJobs()).isEqualTo(before + 3);
  }

  private static void assertNotAllowed(
      HttpResponse<String> response, String workspace, String rule, String param) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = json(response).path("error");
    assertThat(error.path("code").asText()).isEqualTo("workspace_not_allowed");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("param").asText()).isEqualTo(param);
    assertThat(error.path("message").asText())
        .contains("'" + workspace + "'", rule, "jobs.workspace-roots", "coracle.yml");
    assertThat(response.body()).doesNotContain("Exception", "\tat ");
  }

  private static long storedJobs() {
    return coracle.bean(JobQueries.class).list(Set.of(), 1000, null).jobs().size();
  }
}
