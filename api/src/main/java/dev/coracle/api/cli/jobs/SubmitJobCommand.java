package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coracle jobs submit "task" [--workspace DIR] [--approve-plan] [--watch]}. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = "Start a coding job; prints its id (or, with --watch, follows it to the end).")
final class SubmitJobCommand extends JobCommand {
  @Parameters(paramLabel = "TASK", description = "What the job should do.")
  String task;

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      description = "The directory to work in (default: a fresh one under coracle's home).")
  Path workspace;

  @Option(
      names = "--class",
      paramLabel = "CLASS",
      description = "deep (default), research or fast.")
  String requestClass;

  @Option(
      names = "--approve-plan",
      description = "Hold the job after planning until `coracle jobs approve`.")
  boolean approvePlan;

  @Option(names = "--watch", description = "Follow the job, as `coracle jobs watch` does.")
  boolean watch;

  @Override
  int run(CoracleApi api) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("messages").addObject().put("role", "user").put("content", task);
    if (workspace != null) {
      body.put("workspace", workspace.toAbsolutePath().normalize().toString());
    }
    if (requestClass != null) {
      body.put("class", requestClass);
    }
    if (approvePlan) {
      body.put("approve_plan", true);
    }
    JsonNode job = api.post("/api/jobs", body.toString());
    String id = job.path("id").asText();
    if (watch) {
      if (!client.json) {
        out.println("Started " + id);
      }
      return WatchJobCommand.watch(api, id, client.json, out);
    }
    if (client.json) {
      out.println(CoracleApi.write(job));
    } else {
      out.println(id);
    }
    return ExitCodes.OK;
  }
}
