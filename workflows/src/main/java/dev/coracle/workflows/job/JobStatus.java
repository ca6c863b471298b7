package dev.coracle.workflows.job;

import java.util.Locale;

/** Where a job is in its life. Lower-case names are used on the wire and in the store. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  PAUSED,
  CANCELLED,
  FAILED,
  DONE,
  /** Planned, and held until a person approves or rejects the plan. */
  WAITING_APPROVAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** True once the job can no longer change. */
  public boolean finished() {
    return this == CANCELLED || this == FAILED || this == DONE;
  }
}
