package dev.coracle.api.dashboard;

import static dev.coracle.api.dashboard.Html.esc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A workflow's Temporal history as a readable timeline: what the Temporal web UI would show, for
 * the embedded server that has none. Workflow-task bookkeeping is shown dimmed, so activities,
 * retries, failures, timers, signals and version markers stand out.
 */
final class HistoryPage {
  private HistoryPage() {}

  static String render(WorkflowHistories.History history, Optional<String> uiLink) {
    String id = history.workflowId();
    StringBuilder body = new StringBuilder();
    body.append("<h1>History of <code>").append(esc(id)).append("</code></h1>");
    body.append("<p class=\"links\">");
    if (id.startsWith("job-")) {
      body.append("<a href=\"/dashboard/jobs/").append(esc(id)).append("\">The job's page</a> ");
    }
    uiLink.ifPresent(
        link ->
            body.append("<a href=\"")
                .append(esc(link))
                .append("\" rel=\"noopener noreferrer\">Open in the Temporal web UI</a>"));
    body.append("</p>");
    if (!history.held()) {
      body.append("<p class=\"notice\" role=\"status\">")
          .append(esc(history.missing()))
          .append("</p>");
      return Layout.page("History " + id, Layout.Section.REQUESTS, body.toString());
    }
    List<TimelineRow> rows = TimelineRows.of(history.events());
    body.append(summary(rows));
    if (history.cut()) {
      body.append("<p class=\"notice\">Only the first ")
          .append(WorkflowHistories.MAX_EVENTS)
          .append(" events are shown.</p>");
    }
    body.append(
        "<table class=\"timeline\"><caption>Events, oldest first</caption><thead><tr>"
            + "<th scope=\"col\">#</th><th scope=\"col\">Time</th><th scope=\"col\">+</th>"
            + "<th scope=\"col\">Kind</th><th scope=\"col\">Event</th>"
            + "<th scope=\"col\">Payload</th></tr></thead><tbody>");
    long start = rows.isEmpty() ? 0 : rows.get(0).at();
    for (TimelineRow row : rows) {
      body.append("<tr class=\"kind-")
          .append(row.kind())
          .append("\">")
          .append("<td>")
          .append(row.eventId())
          .append("</td>")
          .append("<td>")
          .append(Html.time(row.at()))
          .append("</td>")
          .append("<td>")
          .append(Html.duration(Math.max(0, row.at() - start)))
          .append("</td>")
          .append("<td>")
          .append(row.kind())
          .append("</td>")
          .append("<td>")
          .append(esc(row.title()))
          .append("</td>")
          .append("<td>")
          .append(row.detail().isEmpty() ? "" : "<code>" + esc(row.detail()) + "</code>")
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    return Layout.page("History " + id, Layout.Section.REQUESTS, body.toString());
  }

  private static String summary(List<TimelineRow> rows) {
    Map<String, Integer> kinds = new TreeMap<>();
    rows.forEach(row -> kinds.merge(row.kind(), 1, Integer::sum));
    StringBuilder line = new StringBuilder("<p>").append(rows.size()).append(" events");
    kinds.forEach(
        (kind, n) -> {
          if (!"task".equals(kind)) {
            line.append(" · ").append(n).append(' ').append(kind);
          }
        });
    return line.append("</p>").toString();
  }
}
