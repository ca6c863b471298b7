package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/** Where {@code coracle jobs watch} shows a job: a live view on a terminal, or plain lines. */
interface WatchScreen extends AutoCloseable {

  /**
   * The job as it is now, after {@code event} (null for the first look).
   *
   * @param event the event just read, as the API writes it
   */
  void update(JsonNode job, JsonNode event);

  /** The job has ended; the screen shows how. */
  void finish(JsonNode job);

  @Override
  void close();

  /** Steps done, failed or skipped: the bar's filled part. */
  static int finishedSteps(JsonNode job) {
    int finished = 0;
    for (JsonNode step : job.path("steps")) {
      String status = step.path("status").asText();
      if (status.equals("done") || status.equals("failed") || status.equals("skipped")) {
        finished++;
      }
    }
    return finished;
  }

  /** {@code [#####-----] 1/2 steps}: the bar of a job with a plan; its stage before that. */
  static String bar(JsonNode job, int width) {
    int total = job.path("step_count").asInt();
    if (total == 0) {
      return "[" + "-".repeat(width) + "] " + job.path("progress").asText();
    }
    int done = finishedSteps(job);
    int filled = Math.min(width, done * width / total);
    return "["
        + "#".repeat(filled)
        + "-".repeat(width - filled)
        + "] "
        + done
        + "/"
        + total
        + " steps";
  }
}
