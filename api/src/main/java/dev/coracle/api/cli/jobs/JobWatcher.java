package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;

/**
 * Follows a job's events until it ends, refreshing the job after each so the screen shows its steps
 * as they are. A broken connection (coracle restarting) is reopened from the last event for up to
 * {@link #RECONNECT_FOR}.
 */
final class JobWatcher {
  static final Duration RECONNECT_FOR = Duration.ofMinutes(2);

  private final CoracleApi api;
  private final String id;
  private long lastSeq;

  JobWatcher(CoracleApi api, String id) {
    this.api = api;
    this.id = id;
  }

  /** The job as it ended. */
  JsonNode follow(WatchScreen screen) {
    String path = JobCommand.jobPath(id);
    screen.update(api.get(path), null);
    long brokenSince = 0;
    while (true) {
      try {
        api.events(
            id,
            lastSeq,
            true,
            event -> {
              lastSeq = event.path("seq").asLong(lastSeq);
              screen.update(api.get(path), event);
            });
        JsonNode job = api.get(path);
        if (finished(job)) {
          screen.finish(job);
          return job;
        }
      } catch (IOException e) {
        if (brokenSince == 0) {
          brokenSince = System.nanoTime();
        } else if (System.nanoTime() - brokenSince > RECONNECT_FOR.toNanos()) {
          throw api.unreachable(e);
        }
      } catch (CliFailure unreachable) {
        if (unreachable.exitCode() != ExitCodes.UNREACHABLE) {
          throw unreachable;
        }
        if (brokenSince == 0) {
          brokenSince = System.nanoTime();
        } else if (System.nanoTime() - brokenSince > RECONNECT_FOR.toNanos()) {
          throw unreachable;
        }
      }
      sleep();
    }
  }

  private static boolean finished(JsonNode job) {
    String status = job.path("status").asText();
    return status.equals("done") || status.equals("failed") || status.equals("cancelled");
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.UNREACHABLE, "interrupted");
    }
  }
}
