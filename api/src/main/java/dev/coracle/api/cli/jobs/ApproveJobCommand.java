package dev.coracle.api.cli.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coracle jobs approve ID [--plan FILE]}: let a job waiting for approval run. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = "Approve the plan of a job waiting for approval, as it is or edited.")
final class ApproveJobCommand extends JobCommand {
  @Parameters(paramLabel = "ID", description = "The job id.")
  String id;

  @Option(
      names = "--plan",
      paramLabel = "FILE",
      description =
          "A JSON file with the edited plan: {\"steps\": [{\"goal\": ..., \"files\": [...],"
              + " \"done_criteria\": ...}]} (the \"plan\" of `coracle jobs show --json`).")
  Path plan;

  @Override
  int run(CoracleApi api) {
    String body = null;
    if (plan != null) {
      try {
        body = Files.readString(plan);
      } catch (IOException e) {
        throw new CliFailure(ExitCodes.USAGE, "cannot read " + plan + ": " + e.getMessage());
      }
    }
    api.post(jobPath(id) + "/approve", body);
    if (client.json) {
      return printJob(api.get(jobPath(id)));
    }
    out.println(
        (plan == null ? "Approved the plan of " : "Approved the edited plan of ")
            + id
            + "; it runs now. Follow it with: coracle jobs watch "
            + id);
    return ExitCodes.OK;
  }
}
