package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.ToolCall;

/** How a step's progress reads in the event log and in the step's summary. */
final class StepWording {

  private StepWording() {}

  /** The event line of a tool call: its name, the files it changed, and ok or the error. */
  static String toolEvent(ToolCall call, ToolResult result) {
    String outcome = result.error() ? "error: " + firstLine(result.output()) : "ok";
    String files =
        result.changedFiles().isEmpty()
            ? ""
            : " (" + String.join(", ", result.changedFiles()) + ")";
    return call.name() + files + ": " + outcome;
  }

  /** The step's summary: the coder's closing words, cut to 500 characters. */
  static String summary(String content) {
    String text = content == null ? "" : content.strip();
    return text.isEmpty() ? "done" : text.length() > 500 ? text.substring(0, 497) + "..." : text;
  }

  private static String firstLine(String text) {
    String line = text == null ? "" : text.strip();
    int newline = line.indexOf('\n');
    line = newline < 0 ? line : line.substring(0, newline);
    return line.length() > 160 ? line.substring(0, 157) + "..." : line;
  }
}
