package dev.coracle.api.chat;

import dev.coracle.workflows.job.JobEvent;

/**
 * How a job's events read in a chat window: a line per stage, step and tool call, then the summary.
 * Chat clients render assistant content as Markdown, so the lines are plain text with light
 * markers.
 */
final class JobProgressLines {
  private JobProgressLines() {}

  static String line(String jobId, JobEvent event) {
    String message = event.message() == null ? "" : event.message();
    return switch (event.type()) {
      case JobEvent.CREATED -> "Started coding job " + jobId + ": " + message + "\n";
      case JobEvent.STEP_STARTED -> "\n▶ " + message + "\n";
      case JobEvent.TOOL -> "    " + message + "\n";
      case JobEvent.STEP_DONE -> "✔ " + message + "\n";
      case JobEvent.STEP_FAILED -> "✖ " + message + "\n";
      case JobEvent.VERIFY -> "    verify: " + message + "\n";
      case JobEvent.DONE -> "\n" + message + "\n";
      case JobEvent.FAILED, JobEvent.CANCELLED -> "\nJob " + jobId + " " + message + "\n";
      case JobEvent.WAITING_APPROVAL -> waiting(jobId, message);
      case JobEvent.APPROVED -> "✔ " + message + "; job " + jobId + " runs now\n";
      case JobEvent.REJECTED -> "✖ " + message + "\n";
      default -> "• " + message + "\n";
    };
  }

  /** The plan, and how to answer it: in this chat, or from the terminal or the API. */
  static String waiting(String jobId, String message) {
    return "\nJob "
        + jobId
        + " is "
        + message
        + (message.endsWith("\n") ? "" : "\n")
        + "\nReply \"go ahead\" to run this plan, or \"no, ...\" with what to change to have it"
        + " planned again. From a terminal: `coracle jobs approve "
        + jobId
        + "` or `coracle jobs reject "
        + jobId
        + " --reason \"...\"`.\n";
  }

  /** The answer of a non-streamed chat whose job is still running when the wait ends. */
  static String stillRunning(String jobId, String where) {
    return "Started coding job "
        + jobId
        + ". It is still running"
        + (where == null || where.isBlank() ? "" : " (" + where + ")")
        + ".\nFollow it with GET /api/jobs/"
        + jobId
        + "/events, see it with GET /api/jobs/"
        + jobId
        + ", or ask me for the status.";
  }
}
