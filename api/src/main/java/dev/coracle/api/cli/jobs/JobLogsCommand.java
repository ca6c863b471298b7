package dev.coracle.api.cli.jobs;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coracle jobs logs ID [-f]}: the job's events as text, one per line. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print a job's events; with --follow, until the job ends.")
final class JobLogsCommand extends JobCommand {
  @Parameters(paramLabel = "ID", description = "The job id.")
  String id;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new events until the job ends.")
  boolean follow;

  @Option(names = "--after", defaultValue = "0", description = "Only events after this number.")
  long after;

  @Override
  int run(CoracleApi api) {
    try {
      api.events(
          id,
          after,
          follow,
          event -> out.print(client.json ? event.toString() + "\n" : JobText.event(event)));
    } catch (IOException e) {
      throw api.unreachable(e);
    }
    return ExitCodes.OK;
  }
}
