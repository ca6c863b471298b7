package dev.coracle.workflows.job;

/**
 * One line of a job's progress, as {@code /api/jobs/{id}/events} and a streamed chat show it.
 *
 * @param seq increases by one per event over the whole job, across crashes and continue-as-new
 * @param at epoch milliseconds
 * @param type see the constants
 * @param step the 1-based step the event belongs to, or 0
 */
public record JobEvent(long seq, long at, String type, String stage, int step, String message) {
  public static final String CREATED = "created";
  public static final String STAGE = "stage";
  public static final String STEP_STARTED = "step-started";
  public static final String TOOL = "tool";
  public static final String STEP_DONE = "step-done";
  public static final String STEP_FAILED = "step-failed";
  public static final String VERIFY = "verify";
  public static final String REPLAN = "replan";
  public static final String PAUSED = "paused";
  public static final String RESUMED = "resumed";
  public static final String RECOVERED = "recovered";
  public static final String INTERRUPTED = "interrupted";
  public static final String CANCELLED = "cancelled";
  public static final String FAILED = "failed";
  public static final String DONE = "done";

  /** The plan is shown and the job holds until it is approved or rejected. */
  public static final String WAITING_APPROVAL = "waiting-approval";

  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";

  /** No worker of the job's host answers; the job waits for one, then fails. */
  public static final String WAITING_HOST = "waiting-host";

  /** A worker of the job's host answered again after a wait. */
  public static final String HOST_BACK = "host-back";

  /** True for the event that ends a job; nothing follows it. */
  public boolean terminal() {
    return CANCELLED.equals(type) || FAILED.equals(type) || DONE.equals(type);
  }
}
