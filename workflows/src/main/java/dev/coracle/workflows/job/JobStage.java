package dev.coracle.workflows.job;

import java.util.Locale;

/** The pipeline's stages, in order; {@code STEP} and {@code VERIFY} repeat per step. */
public enum JobStage {
  QUEUED,
  CONSOLIDATE,
  REFINE,
  PLAN,
  PARSE,
  STEP,
  VERIFY,
  SUMMARY,
  FINISHED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
