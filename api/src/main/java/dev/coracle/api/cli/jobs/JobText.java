package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Jobs and their events as a person reads them in a terminal, from the API's JSON. */
final class JobText {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private JobText() {}

  static String job(JsonNode job) {
    String id = job.path("id").asText();
    StringBuilder text = new StringBuilder();
    text.append(id)
        .append("  ")
        .append(job.path("status").asText())
        .append("  ")
        .append(job.path("title").asText())
        .append('\n');
    line(text, "class", job.path("class").asText());
    line(text, "workspace", job.path("workspace").asText(null));
    line(text, "progress", job.path("progress").asText());
    line(text, "planner", job.path("planner").asText(null));
    if ("waiting_approval".equals(job.path("status").asText())) {
      text.append("  plan, waiting for approval:\n");
      int index = 1;
      for (JsonNode step : job.path("plan").path("steps")) {
        text.append("    ").append(index++).append(". ").append(step.path("goal").asText());
        if (step.path("files").size() > 0) {
          text.append("  [").append(join(step.path("files"))).append(']');
        }
        text.append('\n');
      }
      text.append("  approve: coracle jobs approve ")
          .append(id)
          .append(" [--plan FILE]\n  reject:  coracle jobs reject ")
          .append(id)
          .append(" --reason \"...\"\n");
    } else if (job.path("steps").size() > 0) {
      text.append("  steps:\n");
      for (JsonNode step : job.path("steps")) {
        text.append("    ")
            .append(mark(step.path("status").asText()))
            .append(' ')
            .append(step.path("index").asInt())
            .append(". ")
            .append(step.path("goal").asText());
        if (step.hasNonNull("summary")) {
          text.append(" - ").append(firstLine(step.path("summary").asText()));
        }
        text.append('\n');
      }
    }
    if (job.path("changed_files").size() > 0) {
      line(text, "changed", join(job.path("changed_files")));
    }
    line(text, "error", job.path("error").asText(null));
    return text.toString();
  }

  static String listRow(JsonNode job) {
    return String.format(
        "%-32s %-17s %-28s %s%n",
        job.path("id").asText(),
        job.path("status").asText(),
        job.path("progress").asText(),
        job.path("title").asText());
  }

  static String listHeader() {
    return String.format("%-32s %-17s %-28s %s%n", "ID", "STATUS", "PROGRESS", "TITLE");
  }

  /** One event: its time, type and step, then the message, further lines indented. */
  static String event(JsonNode event) {
    String at = event.path("at").asText();
    String clock;
    try {
      clock = CLOCK.format(Instant.parse(at));
    } catch (RuntimeException unreadable) {
      clock = at;
    }
    int step = event.path("step").asInt();
    String head =
        clock
            + "  "
            + String.format("%-16s", event.path("type").asText())
            + (step > 0 ? "  step " + step + "  " : "  ");
    String message = event.path("message").asText("").strip();
    return head + message.replace("\n", "\n" + " ".repeat(head.length())) + "\n";
  }

  static String mark(String stepStatus) {
    return switch (stepStatus) {
      case "done" -> "✔";
      case "failed" -> "✖";
      case "running" -> "▶";
      case "skipped" -> "-";
      default -> "·";
    };
  }

  static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  private static void line(StringBuilder text, String name, String value) {
    if (value != null && !value.isBlank() && !"null".equals(value)) {
      text.append("  ").append(name).append(": ").append(value).append('\n');
    }
  }

  private static String join(JsonNode array) {
    StringBuilder text = new StringBuilder();
    for (JsonNode item : array) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(item.asText());
    }
    return text.toString();
  }
}
