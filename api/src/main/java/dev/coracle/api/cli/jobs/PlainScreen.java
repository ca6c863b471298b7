package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/**
 * {@code watch} without a terminal (a pipe, a file, CI): each event as a line, and the bar as a
 * line of its own whenever a step ends; with {@code --json}, each event's JSON and the final job.
 */
final class PlainScreen implements WatchScreen {
  private static final int WIDTH = 20;

  private final PrintStream out;
  private final boolean json;
  private int shownFinished = -1;

  PlainScreen(PrintStream out, boolean json) {
    this.out = out;
    this.json = json;
  }

  @Override
  public void update(JsonNode job, JsonNode event) {
    if (json) {
      if (event != null) {
        out.println(event);
      }
      return;
    }
    if (event != null) {
      out.print(JobText.event(event));
    }
    int finished = WatchScreen.finishedSteps(job);
    if (job.path("step_count").asInt() > 0 && finished != shownFinished) {
      shownFinished = finished;
      out.println(WatchScreen.bar(job, WIDTH));
    }
  }

  @Override
  public void finish(JsonNode job) {
    if (json) {
      out.println(CoracleApi.write(job));
      return;
    }
    out.println("Job " + job.path("id").asText() + " " + job.path("status").asText() + ".");
  }

  @Override
  public void close() {
    out.flush();
  }
}
