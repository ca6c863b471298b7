package dev.coracle.activities.tools.shell;

import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.workspace.CommandResult;
import dev.coracle.activities.workspace.CommandRunner;
import dev.coracle.activities.workspace.SafeEnvironment;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a program a model asked for — run_shell's or git — in the workspace, inside the sandbox,
 * with the scrubbed environment and a time limit that kills everything it started.
 */
@Singleton
public class SandboxedCommands {

  /** Output kept from one command (its start and end); what the model sees is cut further. */
  public static final int CAPTURE_BYTES = 1024 * 1024;

  private final SandboxStatus status;

  public SandboxedCommands(SandboxStatus status) {
    this.status = status;
  }

  /**
   * @param argv a resolved program and its arguments
   * @param extraEnvironment added to the scrubbed environment, e.g. git's settings
   */
  public CommandResult run(
      ToolContext context,
      List<String> argv,
      Map<String, String> extraEnvironment,
      Duration timeout)
      throws IOException {
    Map<String, String> environment =
        new TreeMap<>(SafeEnvironment.forWorkspace(context.workspace()));
    environment.putAll(extraEnvironment);
    List<String> command = status.sandbox().wrap(argv, context.workspace(), environment);
    return CommandRunner.run(
        command, context.workspace(), environment, timeout, CAPTURE_BYTES, context::heartbeat);
  }
}
