package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coracle jobs list [--status S]}: the newest jobs. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs, newest first.")
final class ListJobsCommand extends JobCommand {
  @Option(
      names = "--status",
      description =
          "Only these statuses, comma separated: queued, running, paused, waiting_approval,"
              + " cancelled, failed, done.")
  String status;

  @Option(names = "--limit", defaultValue = "20", description = "At most this many (1 to 100).")
  int limit;

  @Override
  int run(CoracleApi api) {
    String query =
        "?limit=" + limit + (status == null ? "" : "&status=" + CoracleApi.encode(status));
    JsonNode page = api.get("/api/jobs" + query);
    if (client.json) {
      out.println(CoracleApi.write(page));
      return ExitCodes.OK;
    }
    if (page.path("data").isEmpty()) {
      out.println("No jobs" + (status == null ? "" : " with status " + status) + ".");
      return ExitCodes.OK;
    }
    out.print(JobText.listHeader());
    page.path("data").forEach(job -> out.print(JobText.listRow(job)));
    return ExitCodes.OK;
  }
}
