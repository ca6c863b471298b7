package dev.coracle.api.dashboard;

import static dev.coracle.api.dashboard.Html.esc;

import dev.coracle.api.jobs.JobView;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The jobs list at {@code /}: filters by status and workspace, and a table whose rows the page's
 * script refreshes every two seconds from {@code /dashboard/jobs/rows}, so status and progress move
 * without a reload. Without JavaScript it is a plain table; reloading shows the news.
 */
final class JobsPage {
  private JobsPage() {}

  static String render(List<JobSnapshot> jobs, String status, String workspace) {
    String query = "status=" + encode(status) + "&workspace=" + encode(workspace);
    StringBuilder body = new StringBuilder("<h1>Jobs</h1>");
    body.append("<form class=\"filters\" method=\"get\" action=\"/\" role=\"search\">")
        .append("<label for=\"status\">Status</label><select id=\"status\" name=\"status\">")
        .append(option("", "any", status));
    for (JobStatus value : JobStatus.values()) {
      body.append(option(value.wireName(), value.wireName().replace('_', ' '), status));
    }
    body.append("</select>")
        .append("<label for=\"workspace\">Workspace contains</label>")
        .append("<input id=\"workspace\" name=\"workspace\" value=\"")
        .append(esc(workspace))
        .append("\"><button type=\"submit\">Filter</button></form>");
    body.append(
            "<table class=\"jobs\"><caption>Newest first; status and progress update live"
                + "</caption><thead><tr><th scope=\"col\">Job</th><th scope=\"col\">Title</th>"
                + "<th scope=\"col\">Status</th><th scope=\"col\">Progress</th>"
                + "<th scope=\"col\">Workspace</th><th scope=\"col\">Updated</th></tr></thead>")
        .append("<tbody id=\"job-rows\" aria-live=\"polite\" data-refresh=\"/dashboard/jobs/rows?")
        .append(esc(query))
        .append("\">")
        .append(rows(jobs))
        .append("</tbody></table>");
    return Layout.page("Jobs", Layout.Section.JOBS, body.toString());
  }

  /** The table's rows alone, which the page's script swaps in. */
  static String rows(List<JobSnapshot> jobs) {
    if (jobs.isEmpty()) {
      return "<tr><td colspan=\"6\">No jobs yet. Start one with <code>coracle jobs submit</code>"
          + " or <code>POST /api/jobs</code>.</td></tr>";
    }
    StringBuilder rows = new StringBuilder();
    for (JobSnapshot job : jobs) {
      String progress = JobView.progress(job);
      rows.append("<tr data-job=\"")
          .append(esc(job.jobId()))
          .append("\">")
          .append("<td><a href=\"/dashboard/jobs/")
          .append(esc(job.jobId()))
          .append("\"><code>")
          .append(esc(job.jobId()))
          .append("</code></a></td>")
          .append("<td>")
          .append(esc(Html.cut(job.title(), 80)))
          .append("</td>")
          .append("<td class=\"status\">")
          .append(Html.badge(job.status()))
          .append("</td>")
          .append("<td class=\"progress\">");
      if (job.stepCount() > 0) {
        rows.append("<progress max=\"")
            .append(job.stepCount())
            .append("\" value=\"")
            .append(doneSteps(job))
            .append("\" aria-label=\"steps done\"></progress> ");
      }
      rows.append(esc(progress))
          .append("</td>")
          .append("<td><code>")
          .append(esc(job.workspace()))
          .append("</code></td>")
          .append("<td>")
          .append(Html.time(job.updatedAt()))
          .append("</td></tr>");
    }
    return rows.toString();
  }

  private static long doneSteps(JobSnapshot job) {
    return job.steps().stream().filter(step -> step.finished()).count();
  }

  private static String option(String value, String label, String selected) {
    return "<option value=\""
        + esc(value)
        + "\""
        + (value.equals(selected) ? " selected" : "")
        + ">"
        + esc(label)
        + "</option>";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
