package dev.coracle.api;

import dev.coracle.api.cli.jobs.JobsCommand;
import dev.coracle.api.mcp.McpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code coracle} command line. */
@Command(
    name = "coracle",
    mixinStandardHelpOptions = true,
    versionProvider = CoracleVersion.class,
    description = "A local-first AI gateway and durable coding-job runner.",
    subcommands = {
      ServeCommand.class,
      ApiCommand.class,
      WorkerCommand.class,
      TemporalCommand.class,
      EvalCommand.class,
      BrowserCommand.class,
      McpCommand.class,
      JobsCommand.class,
      BenchCommand.class
    })
public final class Coracle implements Runnable {

  public static void main(String[] args) {
    CommonPoolParallelism.ensure();
    int exit = new CommandLine(new Coracle()).execute(args);
    System.exit(exit);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
