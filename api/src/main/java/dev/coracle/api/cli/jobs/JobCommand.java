package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What every job command shares: the client options, one-line errors with their exit code, and
 * printing either the API's JSON ({@code --json}) or text for a person.
 */
abstract class JobCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  @Override
  public final Integer call() {
    try {
      return run(client.api());
    } catch (CliFailure failure) {
      System.err.println("coracle: " + failure.getMessage());
      return failure.exitCode();
    }
  }

  abstract int run(CoracleApi api);

  /** Prints the job: the API's JSON with {@code --json}, else its summary for a person. */
  int printJob(JsonNode job) {
    out.print(client.json ? CoracleApi.write(job) + "\n" : JobText.job(job));
    return ExitCodes.OK;
  }

  static String jobPath(String id) {
    return "/api/jobs/" + CoracleApi.encode(id);
  }
}
