package dev.coracle.api.cli.jobs;

/** Why a command stops, with the exit code that says so; printed as one line, never a trace. */
final class CliFailure extends RuntimeException {
  private final int exitCode;

  CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
