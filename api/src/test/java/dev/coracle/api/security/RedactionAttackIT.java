package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.JobFixtures;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: a coder on a cloud model greps a workspace that holds a {@code .env}, and grep's
 * {@code path:line: NAME=value} lines carried the values to the cloud. A real job through {@code
 * POST /api/jobs}, a scripted coder, and a cloud fake that records every request it receives: none
 * may hold a secret value, while the grep output itself (redacted) must have reached it.
 */
class RedactionAttackIT {

  static final String DB_PASSWORD = "hunter2-Prod-7731";
  static final String STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
  static final String API_TOKEN = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

  @TempDir Path home;
  @TempDir Path workspace;

  FakeOpenAiServer cloud;
  CoracleUnderTest coracle;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(
        workspace.resolve(".env"),
        "DB_HOST=db.internal\n"
            + "DB_PASSWORD="
            + DB_PASSWORD
            + "\n"
            + "export STRIPE_SECRET_KEY=\""
            + STRIPE_KEY
            + "\"\n"
            + "API_TOKEN='"
            + API_TOKEN
            + "'\n");
    Files.writeString(workspace.resolve("app.py"), "import os\nDB = os.environ['DB_PASSWORD']\n");
    cloud = new FakeOpenAiServer().start();
    // No local model at all: every role of the job, the coder included, is the cloud provider.
    coracle =
        CoracleUnderTest.start(
            home,
            CoracleUnderTest.cloudOnly(
                "providers:\n" + CoracleUnderTest.openAiProvider("cloud", cloud.baseUrl(), "job")),
            Map.of("CORACLE_JOBS_ROLES_CODER", "cloud/job"));
  }

  @AfterEach
  void stop() {
    coracle.close();
    cloud.close();
  }

  @Test
  void grep_and_read_file_of_a_dotenv_reach_a_cloud_coder_without_a_secret_value() {
    HttpResponse<String> created =
        post(
            coracle.url("/api/jobs"),
            JobFixtures.jobBody(
                """
                Find where the database password is used.
                tool-call: grep {"pattern": "PASSWORD|SECRET|TOKEN"}
                tool-call: read_file {"path": ".env"}
                """,
                workspace.toString()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = json(created).path("id").asText();

    JobFixtures.awaitJob(
        coracle.baseUrl(),
        id,
        Duration.ofSeconds(90),
        job -> List.of("done", "failed", "cancelled").contains(job.path("status").asText()));

    List<JsonNode> tools =
        JobFixtures.events(coracle.baseUrl(), id).stream()
            .filter(event -> event.path("type").asText().equals("tool"))
            .toList();
    assertThat(tools.toString()).contains("grep", "read_file");
    List<String> sentToCloud =
        cloud.requests("/v1/chat/completions").stream()
            .map(RecordedRequest::body)
            .map(JsonNode::toString)
            .toList();
    assertThat(sentToCloud)
        .as("the coder's turns after grep and read_file")
        .anySatisfy(
            body ->
                assertThat(body)
                    .contains(".env:2: DB_PASSWORD=[REDACTED:env_secret]")
                    .contains("DB_HOST=db.internal"));
    assertThat(sentToCloud)
        .allSatisfy(body -> assertThat(body).doesNotContain(DB_PASSWORD, STRIPE_KEY, API_TOKEN));
  }
}
