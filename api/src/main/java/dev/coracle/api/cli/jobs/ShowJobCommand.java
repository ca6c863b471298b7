package dev.coracle.api.cli.jobs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coracle jobs show ID}: one job, its plan or steps, and how it ended. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one job.")
final class ShowJobCommand extends JobCommand {
  @Parameters(paramLabel = "ID", description = "The job id.")
  String id;

  @Override
  int run(CoracleApi api) {
    return printJob(api.get(jobPath(id)));
  }
}
