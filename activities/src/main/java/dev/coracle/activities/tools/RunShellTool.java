package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.tools.shell.Executables;
import dev.coracle.activities.tools.shell.ProgramPolicy;
import dev.coracle.activities.tools.shell.SandboxedCommands;
import dev.coracle.activities.tools.shell.ShellWords;
import dev.coracle.activities.workspace.CommandResult;
import dev.coracle.activities.workspace.SafeEnvironment;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one program with its arguments in the workspace — no shell, so a command line cannot smuggle
 * a second command, a substitution or a variable in. The program gets no input, an environment
 * without coracle's secrets, the sandbox, and a time limit; when it runs out, it and everything it
 * started are killed.
 */
@Singleton
public class RunShellTool implements Tool {

  private final int maxTimeoutSeconds;
  private final ProgramPolicy policy;
  private final SandboxedCommands commands;
  private final ToolDefinition definition;

  public RunShellTool(LoadedConfig loaded, SandboxedCommands commands) {
    this.maxTimeoutSeconds = ToolSettings.of(loaded).shellTimeoutSeconds();
    this.policy = new ProgramPolicy(ToolSettings.of(loaded).shell());
    this.commands = commands;
    this.definition =
        new ToolDefinition(
            "run_shell",
            "Run ONE program with arguments in the workspace root, without a shell (no input, no"
                + " terminal). The command is split into words like a shell does (quotes and"
                + " backslash escapes work), but ; && || | & < > $VAR $(...) backticks and newlines"
                + " are refused and there is no globbing: make separate calls, and use the glob"
                + " and grep tools to search. Returns the exit code and stdout and stderr together."
                + " Commands are killed after "
                + maxTimeoutSeconds
                + " seconds.",
            """
            {"type": "object",
             "properties": {
               "command": {"type": "string",
                           "description": "One program and its arguments, e.g. mvn -q test or git log -n 5"},
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
    List<String> argv = ShellWords.parse(args.requiredString("command"));
    int timeoutSeconds = args.integer("timeout_seconds", maxTimeoutSeconds);
    if (timeoutSeconds < 1) {
      throw new ToolException("timeout_seconds must be 1 or more.");
    }
    policy.check(argv);
    List<String> resolved = new ArrayList<>(argv);
    resolved.set(0, program(context, argv.get(0)));
    // The configured limit is a ceiling: a model may ask for less time, never more.
    Duration timeout = Duration.ofSeconds(Math.min(timeoutSeconds, maxTimeoutSeconds));
    WorkspaceChanges before = WorkspaceChanges.scan(context.workspace());
    CommandResult result = commands.run(context, resolved, Map.of(), timeout);
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

  /**
   * The program as it is executed. A bare name stays bare, so its messages name it as the model
   * did, and is looked up on the same PATH the command gets; a relative path is in the workspace.
   */
  private static String program(ToolContext context, String program) {
    if (!program.contains("/")) {
      if (Executables.find(program, SafeEnvironment.searchPath()).isEmpty()) {
        throw new ToolException("There is no program \"" + program + "\" on PATH.");
      }
      return program;
    }
    Path path = program.startsWith("/") ? Path.of(program) : context.jail().resolve(program);
    if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
      throw new ToolException(program + " is not an executable file.");
    }
    return path.toString();
  }
}
