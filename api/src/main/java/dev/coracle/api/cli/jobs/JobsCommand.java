package dev.coracle.api.cli.jobs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coracle jobs ...}: see and steer the jobs of a running coracle, over its HTTP API. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = "See and steer the coding jobs of a running coracle.",
    subcommands = {
      ListJobsCommand.class,
      ShowJobCommand.class,
      WatchJobCommand.class,
      ApproveJobCommand.class,
      RejectJobCommand.class,
      SignalJobCommands.Cancel.class,
      SignalJobCommands.Pause.class,
      SignalJobCommands.Resume.class,
      SubmitJobCommand.class,
      JobLogsCommand.class
    },
    footer = {
      "",
      "Exit codes:",
      "  0  ok (watch: the job is done)",
      "  1  the job failed",
      "  2  bad usage or configuration",
      "  3  the job was cancelled",
      "  4  coracle could not be reached",
      "  5  coracle refused the request (unknown job, wrong state, invalid input)"
    })
public final class JobsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
