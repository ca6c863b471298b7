package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coracle jobs cancel|pause|resume ID}: the job acts at its next turn or step. */
final class SignalJobCommands {
  private SignalJobCommands() {}

  /** Sends one signal and says so; {@code --json} prints the job as it was when signalled. */
  abstract static class Signal extends JobCommand {
    @Parameters(paramLabel = "ID", description = "The job id.")
    String id;

    abstract String action();

    String body() {
      return null;
    }

    @Override
    int run(CoracleApi api) {
      var job = api.post(jobPath(id) + "/" + action(), body());
      if (client.json) {
        out.println(CoracleApi.write(job));
      } else {
        out.println("Sent " + action() + " to " + id + "; it acts at its next turn or step.");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job.")
  static final class Cancel extends Signal {
    @Option(names = "--reason", description = "Why, recorded with the job.")
    String reason;

    @Override
    String action() {
      return "cancel";
    }

    @Override
    String body() {
      return reason == null
          ? null
          : JsonNodeFactory.instance.objectNode().put("reason", reason).toString();
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a job.")
  static final class Pause extends Signal {
    @Override
    String action() {
      return "pause";
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused job.")
  static final class Resume extends Signal {
    @Override
    String action() {
      return "resume";
    }
  }
}
