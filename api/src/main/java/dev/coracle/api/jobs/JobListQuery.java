package dev.coracle.api.jobs;

import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.job.JobStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * The query of {@code GET /api/jobs}, validated.
 *
 * @param statuses empty for every status
 */
record JobListQuery(Set<JobStatus> statuses, int limit, String cursor) {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  static JobListQuery parse(String status, String limit, String cursor) {
    return new JobListQuery(statuses(status), limit(limit), cursor);
  }

  private static Set<JobStatus> statuses(String text) {
    Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
    if (text == null || text.isBlank()) {
      return statuses;
    }
    for (String name : text.split(",")) {
      statuses.add(status(name.strip()));
    }
    return statuses;
  }

  private static JobStatus status(String name) {
    for (JobStatus status : JobStatus.values()) {
      if (status.wireName().equals(name)) {
        return status;
      }
    }
    throw OpenAiException.invalidValue(
        "status",
        "'status' takes queued, running, paused, waiting_approval, cancelled, failed or done,"
            + " comma separated"
            + " (got '"
            + name
            + "')");
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.strip());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Answered below, as for a number out of range.
    }
    throw OpenAiException.invalidValue(
        "limit", "'limit' must be an integer from 1 to " + MAX_LIMIT + " (got '" + text + "')");
  }
}
