package dev.coracle.api.dashboard;

import static dev.coracle.api.dashboard.Html.esc;

import java.util.List;

/** The recent chat requests, each linked to its Temporal history timeline. */
final class RequestsPage {
  private RequestsPage() {}

  static String render(List<RecentRequests.RequestRow> rows) {
    StringBuilder body =
        new StringBuilder(
            "<h1>Requests</h1><table class=\"requests\"><caption>Recent chat requests, newest"
                + " first. Open one to see its Temporal history.</caption><thead><tr>"
                + "<th scope=\"col\">Workflow</th><th scope=\"col\">Started</th>"
                + "<th scope=\"col\">Status</th><th scope=\"col\">Class</th>"
                + "<th scope=\"col\">Provider</th><th scope=\"col\">Cache</th>"
                + "<th scope=\"col\">Overhead</th><th scope=\"col\">Model time</th>"
                + "<th scope=\"col\">Tokens in/out</th></tr></thead><tbody>");
    if (rows.isEmpty()) {
      body.append("<tr><td colspan=\"9\">No requests yet.</td></tr>");
    }
    for (RecentRequests.RequestRow row : rows) {
      body.append("<tr><td><a href=\"/dashboard/history/")
          .append(esc(row.workflowId()))
          .append("\"><code>")
          .append(esc(row.workflowId()))
          .append("</code></a></td><td>")
          .append(Html.time(row.startedAt()))
          .append("</td><td>")
          .append(Html.badge(row.status()))
          .append("</td><td>")
          .append(esc(row.requestClass() == null ? "—" : row.requestClass()))
          .append("</td><td>")
          .append(esc(row.target() == null ? "—" : row.target()))
          .append("</td><td>")
          .append(row.cache() == null ? "—" : Html.badge(row.cache()))
          .append("</td><td>")
          .append(row.overheadMillis() < 0 ? "—" : Html.duration(row.overheadMillis()))
          .append("</td><td>")
          .append(Html.duration(row.modelMillis()))
          .append("</td><td>")
          .append(Html.count(row.promptTokens()))
          .append(" / ")
          .append(Html.count(row.completionTokens()))
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    return Layout.page("Requests", Layout.Section.REQUESTS, body.toString());
  }
}
