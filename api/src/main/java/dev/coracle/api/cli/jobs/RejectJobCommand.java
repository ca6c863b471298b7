package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coracle jobs reject ID --reason TEXT}: send the plan back, once, with a reason. */
@Command(
    name = "reject",
    mixinStandardHelpOptions = true,
    description =
        "Reject the plan of a job waiting for approval. The reason goes to one replan; a second"
            + " rejection ends the job.")
final class RejectJobCommand extends JobCommand {
  @Parameters(paramLabel = "ID", description = "The job id.")
  String id;

  @Option(names = "--reason", required = true, description = "Why; the replan reads it.")
  String reason;

  @Override
  int run(CoracleApi api) {
    String body = JsonNodeFactory.instance.objectNode().put("reason", reason).toString();
    api.post(jobPath(id) + "/reject", body);
    if (client.json) {
      return printJob(api.get(jobPath(id)));
    }
    out.println("Rejected the plan of " + id + ". See the next one with: coracle jobs show " + id);
    return ExitCodes.OK;
  }
}
