package dev.coracle.api.cli.jobs;

/**
 * The exit codes of {@code coracle jobs}. A script tells a finished job from a failed one, and both
 * from a coracle it could not reach, without reading the output.
 */
public final class ExitCodes {
  /** The command did what it was asked; for {@code watch}, the job is done. */
  public static final int OK = 0;

  /** {@code watch}: the job failed. */
  public static final int JOB_FAILED = 1;

  /** Bad usage (picocli's own code) or an unreadable configuration. */
  public static final int USAGE = 2;

  /** {@code watch}: the job was cancelled, by a person, a rejected plan or a timeout. */
  public static final int JOB_CANCELLED = 3;

  /** coracle could not be reached at the URL. */
  public static final int UNREACHABLE = 4;

  /** coracle refused the request: no such job, a job in the wrong state, invalid input. */
  public static final int REFUSED = 5;

  private ExitCodes() {}

  /** The exit code of {@code watch} for a job's final status. */
  public static int forStatus(String status) {
    return switch (status) {
      case "done" -> OK;
      case "cancelled" -> JOB_CANCELLED;
      default -> JOB_FAILED;
    };
  }
}
