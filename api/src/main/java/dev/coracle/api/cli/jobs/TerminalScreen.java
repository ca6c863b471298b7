package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * {@code watch} on a terminal: one live view that JLine redraws in place, the job's line, a bar by
 * step, each step with its mark, and the running step's latest tool calls as they happen.
 */
final class TerminalScreen implements WatchScreen {
  private static final int TOOL_LINES = 5;

  private final Terminal terminal;
  private final Display display;
  private final Deque<String> tools = new ArrayDeque<>();
  private JsonNode job;
  private String lastBar = "";

  TerminalScreen(Terminal terminal) {
    this.terminal = terminal;
    this.display = new Display(terminal, false);
  }

  @Override
  public void update(JsonNode now, JsonNode event) {
    job = now;
    if (event != null) {
      String type = event.path("type").asText();
      if (type.equals("step-started")) {
        tools.clear();
      } else if (type.equals("tool")) {
        tools.addLast(JobText.firstLine(event.path("message").asText()));
        while (tools.size() > TOOL_LINES) {
          tools.removeFirst();
        }
      }
    }
    draw();
  }

  @Override
  public void finish(JsonNode now) {
    job = now;
    tools.clear();
    draw();
    terminal.writer().println();
    terminal
        .writer()
        .println("Job " + now.path("id").asText() + " " + now.path("status").asText() + ".");
    terminal.flush();
  }

  private void draw() {
    Size size = terminal.getSize();
    int columns = size.getColumns() > 0 ? size.getColumns() : 80;
    display.resize(size.getRows() > 0 ? size.getRows() : 24, columns);
    List<String> view = view(columns);
    if (!view.get(1).equals(lastBar)) {
      // A new bar is drawn whole, not patched character by character: what it says at each step
      // is then in the terminal's output as a person (or a recording of it) reads it.
      lastBar = view.get(1);
      display.update(List.of(), 0);
    }
    List<AttributedString> lines = new ArrayList<>();
    for (String line : view) {
      lines.add(new AttributedString(cut(line, columns - 1)));
    }
    AttributedString last = lines.get(lines.size() - 1);
    display.update(lines, size.cursorPos(lines.size() - 1, last.columnLength()));
    terminal.flush();
  }

  private List<String> view(int columns) {
    List<String> lines = new ArrayList<>();
    lines.add(
        job.path("id").asText()
            + "  "
            + job.path("status").asText()
            + "  "
            + job.path("title").asText());
    lines.add(WatchScreen.bar(job, Math.max(10, Math.min(40, columns - 30))));
    boolean waiting = "waiting_approval".equals(job.path("status").asText());
    for (JsonNode step : job.path("steps")) {
      String status = step.path("status").asText();
      lines.add(
          "  "
              + JobText.mark(status)
              + " "
              + step.path("index").asInt()
              + ". "
              + step.path("goal").asText());
      if ("running".equals(status)) {
        tools.forEach(tool -> lines.add("      " + tool));
      }
    }
    if (waiting) {
      lines.add(
          "  waiting for approval: coracle jobs approve "
              + job.path("id").asText()
              + "  (or reject --reason ...)");
    }
    return lines;
  }

  private static String cut(String line, int width) {
    return line.length() <= width ? line : line.substring(0, Math.max(0, width - 1)) + "…";
  }

  @Override
  public void close() {
    terminal.flush();
  }
}
