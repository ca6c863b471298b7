package dev.coracle.api.jobs;

import dev.coracle.api.openai.OpenAiException;

/** The errors of the jobs API, in the same shape as every other coracle error. */
final class JobErrors {

  private JobErrors() {}

  static OpenAiException notFound(String jobId) {
    return new OpenAiException(
        404, "invalid_request_error", "id", "not_found", "No job '" + jobId + "'");
  }

  static OpenAiException finished(String jobId, String status) {
    return new OpenAiException(
        409,
        "invalid_request_error",
        null,
        "job_finished",
        "Job " + jobId + " is already " + status + "; it can no longer be changed");
  }

  static OpenAiException notRunning(String jobId) {
    return new OpenAiException(
        409,
        "invalid_request_error",
        null,
        "job_not_running",
        "Job "
            + jobId
            + " has no running workflow; it is restarted from its last checkpoint when coracle"
            + " starts");
  }

  static OpenAiException idempotencyKeyReused() {
    return new OpenAiException(
        422,
        "invalid_request_error",
        null,
        "idempotency_key_reused",
        "This Idempotency-Key was already used for a different job");
  }

  static OpenAiException notWaiting(String jobId, String status) {
    return new OpenAiException(
        409,
        "invalid_request_error",
        null,
        "job_not_waiting",
        "Job "
            + jobId
            + " is "
            + status
            + "; only a job waiting for approval (waiting_approval) can be approved or rejected");
  }

  static OpenAiException invalidPlan(String why) {
    return new OpenAiException(
        400,
        "invalid_request_error",
        "steps",
        "invalid_plan",
        "The edited plan is invalid: " + why);
  }
}
