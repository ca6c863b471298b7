package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.workspace.CommandResult;
import dev.coracle.activities.workspace.CommandRunner;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a shell command in the workspace. The command gets no input, an environment without
 * coracle's secrets, and a time limit; when it runs out, it and everything it started are killed.
 */
@Singleton
public class RunShellTool implements Tool {

  static final String SHELL = "/bin/sh";

  /** Output kept from one command (its start and end); what the model sees is cut further. */
  static final int CAPTURE_BYTES = 1024 * 1024;

  private final int maxTimeoutSeconds;
  private final ToolDefinition definition;

  public RunShellTool(LoadedConfig loaded) {
    this.maxTimeoutSeconds = ToolSettings.of(loaded).shellTimeoutSeconds();
    this.definition =
        new ToolDefinition(
            "run_shell",
            "Run a command with /bin/sh -c in the workspace root (no input, no terminal)."
                + " Returns the exit code and stdout and stderr together. Commands are killed"
                + " after "
                + maxTimeoutSeconds
                + " seconds.",
            """
            {"type": "object",
             "properties": {
               "command": {"type": "string", "description": "The shell command line"},
               "timeout_seconds": {"type": "integer", "minimum": 1, "maximum": %d,
                                   "description": "Kill the command after this many seconds (default %d)"}},
             "required": ["command"],
             "additionalProperties": false}
            """
                .formatted(maxTimeoutSeconds, maxTimeoutSeconds),
            null);
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public boolean idempotent() {
    return false;
  }

  @Override
  public ToolOutput run(ToolContext context, JsonNode json) throws IOException {
    ToolArgs args = new ToolArgs(name(), json);
    String command = args.requiredString("command");
    int timeoutSeconds = args.integer("timeout_seconds", maxTimeoutSeconds);
    if (timeoutSeconds < 1) {
      throw new ToolException("timeout_seconds must be 1 or more.");
    }
    // The configured limit is a ceiling: a model may ask for less time, never more.
    Duration timeout = Duration.ofSeconds(Math.min(timeoutSeconds, maxTimeoutSeconds));
    WorkspaceChanges before = WorkspaceChanges.scan(context.workspace());
    CommandResult result =
        CommandRunner.run(
            List.of(SHELL, "-c", command),
            context.workspace(),
            timeout,
            CAPTURE_BYTES,
            context::heartbeat);
    List<String> changed = WorkspaceChanges.scan(context.workspace()).since(before);
    String status =
        result.timedOut()
            ? "Timed out after "
                + timeout.toSeconds()
                + " s; the command and every process it started were killed."
            : "Exit code " + result.exitCode() + ".";
    boolean failed = result.timedOut() || result.exitCode() != 0;
    return new ToolOutput(status + "\n" + result.output(), failed, changed);
  }
}
