package dev.coracle.activities.guard;

import static dev.coracle.activities.guard.SecretFixtures.KEY_LAST_LINE;
import static dev.coracle.activities.guard.SecretFixtures.KEY_LINE;
import static dev.coracle.activities.guard.SecretFixtures.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.model.ModelActivitiesImpl;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.tools.ToolActivitiesImpl;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.ModelTarget;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done criterion: a secret in a file that a tool read never appears in any request a
 * cloud upstream receives, while the local model gets the file as it is. Real tools, real model
 * activity, real store; the upstreams are fakes speaking the real wire formats.
 */
class SecretsStayHomeTest {

  @TempDir Path dir;

  FakeOpenAiServer cloud;
  FakeOllamaServer ollama;
  ApplicationContext context;
  Path workspace;

  @BeforeEach
  void setUp() throws IOException {
    cloud = new FakeOpenAiServer().start();
    ollama = new FakeOllamaServer().start();
    workspace = Files.createDirectories(dir.resolve("ws")).toRealPath();
    Files.writeString(workspace.resolve(".env"), SecretFixtures.FILE);
    String yaml =
        """
        local:
          ollama:
            enabled: true
            base-url: "%s"
            reasoning-model: "echo"
            coder-model: "echo"
            min-free-ram-mb: 0
        providers:
          - name: cloudy
            kind: openai-compatible
            base-url: "%s"
            api-key: "${CLOUDY_API_KEY}"
            models: ["echo"]
        """
            .formatted(ollama.baseUrl(), cloud.baseUrl());
    context =
        TestWorkspaces.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-11-20T12:00:00Z")),
            SecretFixtures.config(dir.resolve("home"), yaml));
  }

  @AfterEach
  void tearDown() {
    context.close();
    cloud.close();
    ollama.close();
  }

  @Test
  void a_secret_a_tool_read_never_reaches_a_cloud_upstream_but_the_local_model_sees_it() {
    List<ChatMessage> conversation =
        SecretFixtures.conversationAfterReading(
            context.getBean(ToolActivitiesImpl.class), workspace, ".env");
    ModelActivitiesImpl models = context.getBean(ModelActivitiesImpl.class);

    models.call(call(new ModelTarget("cloudy", "echo", false, 30), conversation));
    models.call(call(new ModelTarget("ollama", "echo", true, 30), conversation));

    List<RecordedRequest> sentToCloud = cloud.requests();
    assertThat(sentToCloud).hasSize(1);
    for (RecordedRequest request : sentToCloud) {
      assertThat(request.body().toString())
          .contains("OPENAI_API_KEY=[REDACTED:openai_key]")
          .contains("-----BEGIN OPENSSH PRIVATE KEY-----\\n[REDACTED:private_key]")
          .doesNotContain(OPENAI_KEY)
          .doesNotContain(KEY_LINE)
          .doesNotContain(KEY_LAST_LINE);
    }
    List<RecordedRequest> sentToOllama =
        ollama.requests().stream().filter(r -> r.path().equals("/api/chat")).toList();
    assertThat(sentToOllama).hasSize(1);
    assertThat(sentToOllama.get(0).body().path("messages").toString())
        .contains(OPENAI_KEY, KEY_LINE, KEY_LAST_LINE);
    assertThat(context.getBean(AuditLog.class).latest(10))
        .filteredOn(row -> row.provider().equals(Guardrails.PROVIDER))
        .extracting(row -> row.model() + " " + row.outcome() + " " + row.error())
        .containsExactly("redaction REDACTED openai_key=2, private_key=1");
  }

  private static ModelCall call(ModelTarget target, List<ChatMessage> messages) {
    return new ModelCall(target, messages, null, null, "job-1", "job");
  }
}
