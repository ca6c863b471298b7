package dev.coracle.activities.guard;

import static dev.coracle.activities.guard.SecretFixtures.KEY_LAST_LINE;
import static dev.coracle.activities.guard.SecretFixtures.KEY_LINE;
import static dev.coracle.activities.guard.SecretFixtures.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.browser.FakeChatSite;
import dev.coracle.activities.model.ModelActivitiesImpl;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.tools.ToolActivitiesImpl;
import dev.coracle.activities.workspace.TestWorkspaces;
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

/** The browser fallback is not local: a chat web UI gets the redacted conversation. */
class BrowserRedactionIT {

  @TempDir Path dir;

  FakeChatSite site;
  ApplicationContext context;
  Path workspace;

  @BeforeEach
  void setUp() throws IOException {
    site = new FakeChatSite();
    workspace = Files.createDirectories(dir.resolve("ws")).toRealPath();
    Files.writeString(workspace.resolve(".env"), SecretFixtures.FILE);
    String yaml =
        """
        local:
          ollama:
            enabled: false
        browser:
          enabled: true
          chromium: "/usr/bin/chromium"
          timeout-seconds: 20
          sites:
            - name: echo
              enabled: true
              url: "%s"
              input: "#prompt"
              send: "#send"
              response: "div.answer"
              done: "button.copy"
              rate-limit: "text=/usage limit/i"
              signed-out: "text=/sign in|log in/i"
        """
            .formatted(site.url("echo"));
    context =
        TestWorkspaces.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-11-20T12:00:00Z")),
            SecretFixtures.config(dir.resolve("home"), yaml));
  }

  @AfterEach
  void tearDown() {
    context.close();
    site.close();
  }

  @Test
  void a_secret_a_tool_read_never_reaches_the_chat_site() {
    List<ChatMessage> conversation =
        SecretFixtures.conversationAfterReading(
            context.getBean(ToolActivitiesImpl.class), workspace, ".env");

    context
        .getBean(ModelActivitiesImpl.class)
        .call(
            new ModelCall(
                new ModelTarget("browser", "echo", false, 30),
                conversation,
                null,
                null,
                "job-1",
                "job"));

    List<FakeChatSite.Event> prompts = site.events("prompt");
    assertThat(prompts).hasSize(1);
    assertThat(prompts.get(0).body())
        .contains("OPENAI_API_KEY=[REDACTED:openai_key]", "[REDACTED:private_key]")
        .doesNotContain(OPENAI_KEY)
        .doesNotContain(KEY_LINE)
        .doesNotContain(KEY_LAST_LINE);
  }
}
