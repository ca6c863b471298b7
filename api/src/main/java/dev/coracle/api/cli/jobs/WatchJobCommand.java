package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code coracle jobs watch ID}: follows a job until it ends and exits with a code for how it ended
 * (see {@link ExitCodes}). On a terminal the view is redrawn in place; otherwise plain lines.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description =
        "Follow a job live: a bar by step, the current step and its tool calls. Exits 0 when the"
            + " job is done, 1 when it failed, 3 when it was cancelled.")
final class WatchJobCommand extends JobCommand {
  @Parameters(paramLabel = "ID", description = "The job id.")
  String id;

  @Override
  int run(CoracleApi api) {
    return watch(api, id, client.json, out);
  }

  /** Follows the job to its end on the best screen there is; the job's exit code. */
  static int watch(CoracleApi api, String id, boolean json, java.io.PrintStream out) {
    Terminal terminal = json ? null : terminal();
    try (WatchScreen screen =
        terminal == null ? new PlainScreen(out, json) : new TerminalScreen(terminal)) {
      JsonNode last = new JobWatcher(api, id).follow(screen);
      return ExitCodes.forStatus(last.path("status").asText());
    } finally {
      if (terminal != null) {
        try {
          terminal.close();
        } catch (IOException ignored) {
          // The process ends next; nothing is left to restore.
        }
      }
    }
  }

  /** The system terminal, or null when output goes to a pipe or a file, or it cannot draw. */
  private static Terminal terminal() {
    if (System.console() == null) {
      return null;
    }
    try {
      Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
      if (terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
        terminal.close();
        return null;
      }
      return terminal;
    } catch (IOException e) {
      return null;
    }
  }
}
