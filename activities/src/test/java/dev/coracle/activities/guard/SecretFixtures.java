package dev.coracle.activities.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.tools.ToolActivitiesImpl;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.job.ToolInvocation;
import dev.coracle.workflows.job.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A workspace file full of secrets, and the coder conversation after a tool read it. */
final class SecretFixtures {

  static final String OPENAI_KEY = "sk-proj-q8Zr2Lw5Tx9Vb3Nm6Kp1Hs4Dj7Fg0Ya2Ce5Ui8Ox_Wn-3";
  static final String KEY_LINE =
      "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
  static final String KEY_LAST_LINE =
      "QyNTUxOQAAACDm3v8Xq0wQqG1qg1ZC9q7Y8zZtP0c5p4bYw6Xr1GzS5wAAAJg=";
  static final String FILE =
      "OPENAI_API_KEY="
          + OPENAI_KEY
          + "\nDEPLOY_KEY_PATH=keys/deploy\n"
          + "-----BEGIN OPENSSH PRIVATE KEY-----\n"
          + KEY_LINE
          + "\n"
          + KEY_LAST_LINE
          + "\n-----END OPENSSH PRIVATE KEY-----\n";

  private SecretFixtures() {}

  /** The configuration as a user writes it, with the cloud key in the environment. */
  static LoadedConfig config(Path home, String yaml) throws IOException {
    Files.createDirectories(home);
    Files.writeString(home.resolve("coracle.yml"), yaml);
    return ConfigLoader.load(home, Map.of("CLOUDY_API_KEY", "test-key"));
  }

  /**
   * A coder turn as the job workflow builds it: the model asked for the file, the real read_file
   * tool answered, and the next request carries both the call and its result.
   */
  static List<ChatMessage> conversationAfterReading(
      ToolActivitiesImpl tools, Path workspace, String path) {
    ToolCall read = new ToolCall("call-1", "read_file", "{\"path\": \"" + path + "\"}");
    ToolResult result = tools.run(new ToolInvocation("job-1", workspace.toString(), 1, read));
    assertThat(result.error()).isFalse();
    assertThat(result.output()).contains(OPENAI_KEY, KEY_LINE);
    return List.of(
        new ChatMessage("system", "You are the coder. Use the tools."),
        new ChatMessage("user", "Check that the deploy config is complete."),
        new ChatMessage("assistant", null, List.of(read), null, null),
        new ChatMessage("tool", result.output(), null, read.id(), null),
        new ChatMessage(
            "assistant",
            null,
            List.of(
                new ToolCall(
                    "call-2",
                    "write_file",
                    "{\"path\": \".env.bak\", \"content\": \"OPENAI_API_KEY="
                        + OPENAI_KEY
                        + "\"}")),
            null,
            null),
        new ChatMessage("tool", "Created .env.bak (71 bytes).", null, "call-2", null));
  }
}
