package dev.coracle.api.dashboard;

import static dev.coracle.api.dashboard.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The changes a job made to each file, as diffs built from its tool calls: {@code write_file} shows
 * the new content as added lines, {@code edit_file} the replaced text as removed and added lines,
 * or the unified patch it applied. A file changed by other means (a shell command) is listed with
 * no diff.
 */
final class FileDiffs {
  /** How many lines of one change are shown. */
  static final int MAX_LINES = 200;

  private FileDiffs() {}

  static String render(List<String> changedFiles, List<ToolCallView> calls) {
    if (changedFiles.isEmpty()) {
      return "<p>No files changed yet.</p>";
    }
    StringBuilder html = new StringBuilder();
    for (String file : changedFiles) {
      html.append("<details open><summary><code>").append(esc(file)).append("</code></summary>");
      boolean shown = false;
      for (ToolCallView call : calls) {
        String path = call.arguments().path("path").asText("");
        if (call.error() || !(file.equals(path) || call.changedFiles().contains(file))) {
          continue;
        }
        String diff = diff(call);
        if (!diff.isEmpty()) {
          html.append("<p class=\"meta\">step ")
              .append(call.step())
              .append(", ")
              .append(esc(call.name()))
              .append("</p><pre class=\"diff\">")
              .append(diff)
              .append("</pre>");
          shown = true;
        }
      }
      if (!shown) {
        html.append(
            "<p class=\"meta\">No diff: changed by a command, or the job's history is no"
                + " longer held.</p>");
      }
      html.append("</details>");
    }
    return html.toString();
  }

  private static String diff(ToolCallView call) {
    JsonNode args = call.arguments();
    return switch (call.name()) {
      case "write_file" -> lines("+", args.path("content").asText(""));
      case "edit_file" ->
          args.hasNonNull("patch")
              ? patch(args.path("patch").asText())
              : lines("-", args.path("old_text").asText(""))
                  + lines("+", args.path("new_text").asText(""));
      default -> "";
    };
  }

  private static String lines(String mark, String text) {
    if (text.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    int shown = Math.min(lines.length, MAX_LINES);
    for (int i = 0; i < shown; i++) {
      if (i == lines.length - 1 && lines[i].isEmpty()) {
        break;
      }
      out.append(line(mark + lines[i]));
    }
    if (lines.length > MAX_LINES) {
      out.append(line("  … " + (lines.length - MAX_LINES) + " more lines"));
    }
    return out.toString();
  }

  private static String patch(String patch) {
    StringBuilder out = new StringBuilder();
    String[] lines = patch.split("\n");
    for (int i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
      out.append(line(lines[i]));
    }
    return out.toString();
  }

  private static String line(String text) {
    String kind = text.startsWith("+") ? "add" : text.startsWith("-") ? "del" : "ctx";
    return "<span class=\"" + kind + "\">" + esc(text) + "</span>\n";
  }
}
