package dev.coracle.api.dashboard;

import static dev.coracle.api.dashboard.Html.esc;

import dev.coracle.activities.store.Artifact;
import dev.coracle.api.jobs.JobView;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStatus;
import dev.coracle.workflows.job.JobStep;
import java.util.List;

/**
 * One job: its state, plan and steps (refreshed by the page's script whenever the job's event
 * stream says something happened), the control buttons, the live event list, the tool calls with
 * their output and artifacts, and the changed files with diffs.
 */
final class JobPage {
  private JobPage() {}

  static String render(
      JobSnapshot job, List<JobEvent> events, List<Artifact> artifacts, List<ToolCallView> calls) {
    String id = esc(job.jobId());
    long lastSeq = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
    StringBuilder body = new StringBuilder();
    body.append("<h1>")
        .append(esc(Html.cut(job.title(), 120)))
        .append("</h1>")
        .append("<p class=\"links\"><code>")
        .append(id)
        .append("</code> · ")
        .append("<a href=\"/dashboard/history/")
        .append(id)
        .append("\">Temporal history</a></p>");
    body.append("<div id=\"job-live\" data-refresh=\"/dashboard/jobs/")
        .append(id)
        .append("/live\">")
        .append(live(job))
        .append("</div>")
        .append("<p id=\"action-result\" role=\"status\"></p>");
    body.append("<section aria-labelledby=\"events-h\"><h2 id=\"events-h\">Events</h2>")
        .append("<ol id=\"job-events\" aria-live=\"polite\" data-stream=\"/api/jobs/")
        .append(id)
        .append("/events?after=")
        .append(lastSeq)
        .append("\">");
    for (JobEvent event : events) {
      body.append(event(event));
    }
    body.append("</ol></section>");
    body.append(JobOutputs.toolCalls(calls));
    body.append(JobOutputs.artifacts(artifacts));
    body.append("<section aria-labelledby=\"files-h\"><h2 id=\"files-h\">Changed files</h2>")
        .append(
            FileDiffs.render(job.changedFiles() == null ? List.of() : job.changedFiles(), calls))
        .append("</section>");
    return Layout.page(job.title(), Layout.Section.JOBS, body.toString());
  }

  /** The part that changes as the job runs: state, plan and steps. */
  static String live(JobSnapshot job) {
    StringBuilder html = new StringBuilder("<dl class=\"facts\">");
    Html.fact(html, "Status", Html.badge(job.status()));
    Html.fact(html, "Progress", esc(JobView.progress(job)));
    Html.fact(html, "Stage", esc(job.stage()));
    Html.fact(html, "Class", esc(job.requestClass()));
    Html.fact(html, "Workspace", "<code>" + esc(job.workspace()) + "</code>");
    Html.fact(html, "Planner", esc(job.planner()));
    Html.fact(
        html,
        "Tokens",
        Html.count(usage(job.usage()).promptTokens())
            + " in, "
            + Html.count(usage(job.usage()).completionTokens())
            + " out");
    Html.fact(html, "Created", Html.time(job.createdAt()));
    html.append("</dl>");
    if (job.summary() != null) {
      html.append("<p class=\"summary\"><strong>Summary:</strong> ")
          .append(esc(job.summary()))
          .append("</p>");
    }
    if (job.error() != null) {
      html.append("<p class=\"notice\"><strong>Error:</strong> ")
          .append(esc(job.error()))
          .append("</p>");
    }
    html.append(actions(job));
    html.append("<section aria-labelledby=\"plan-h\"><h2 id=\"plan-h\">Plan</h2>");
    if (job.stepCount() == 0) {
      html.append("<p>No plan yet.</p>");
    } else {
      html.append("<ol class=\"plan\">");
      for (JobStep step : job.steps()) {
        if (step.plan() == null) {
          continue;
        }
        html.append("<li>").append(esc(step.plan().goal()));
        if (step.plan().files() != null && !step.plan().files().isEmpty()) {
          html.append(" <span class=\"meta\">files: ")
              .append(esc(String.join(", ", step.plan().files())))
              .append("</span>");
        }
        if (step.plan().doneCriteria() != null) {
          html.append(" <span class=\"meta\">done when: ")
              .append(esc(step.plan().doneCriteria()))
              .append("</span>");
        }
        html.append("</li>");
      }
      html.append("</ol>");
    }
    html.append("</section>");
    html.append(steps(job));
    return html.toString();
  }

  private static String steps(JobSnapshot job) {
    StringBuilder html =
        new StringBuilder(
            "<section aria-labelledby=\"steps-h\"><h2 id=\"steps-h\">Steps</h2>"
                + "<table class=\"steps\"><thead><tr><th scope=\"col\">#</th>"
                + "<th scope=\"col\">Goal</th><th scope=\"col\">Status</th>"
                + "<th scope=\"col\">Started</th><th scope=\"col\">Took</th>"
                + "<th scope=\"col\">Model</th><th scope=\"col\">Tokens in/out</th>"
                + "<th scope=\"col\">Turns</th><th scope=\"col\">Tool calls</th>"
                + "<th scope=\"col\">Summary</th></tr></thead><tbody>");
    if (job.stepCount() == 0) {
      html.append("<tr><td colspan=\"10\">No steps yet.</td></tr>");
    }
    for (JobStep step : job.stepCount() == 0 ? List.<JobStep>of() : job.steps()) {
      long took =
          step.finishedAt() > 0 && step.startedAt() > 0 ? step.finishedAt() - step.startedAt() : -1;
      html.append("<tr><td>")
          .append(step.index())
          .append("</td><td>")
          .append(esc(step.plan() == null ? "" : step.plan().goal()))
          .append("</td><td>")
          .append(Html.badge(step.status()))
          .append("</td><td>")
          .append(Html.time(step.startedAt()))
          .append("</td><td>")
          .append(took < 0 ? "" : Html.duration(took))
          .append("</td><td>")
          .append(esc(step.model()))
          .append("</td><td>")
          .append(Html.count(usage(step.usage()).promptTokens()))
          .append(" / ")
          .append(Html.count(usage(step.usage()).completionTokens()))
          .append("</td><td>")
          .append(step.turns())
          .append("</td><td>")
          .append(step.toolCalls())
          .append("</td><td>")
          .append(esc(step.summary()))
          .append("</td></tr>");
    }
    return html.append("</tbody></table></section>").toString();
  }

  /**
   * The control buttons. Each is a form that posts to the job's JSON route; the page's script sends
   * it with {@code fetch} and shows the answer. Buttons a job's status makes pointless are left
   * out.
   */
  private static String actions(JobSnapshot job) {
    String base = "/api/jobs/" + esc(job.jobId()) + "/";
    JobStatus status = JobStatus.fromWireName(job.status());
    StringBuilder html =
        new StringBuilder(
            "<section aria-labelledby=\"actions-h\" class=\"actions\">"
                + "<h2 id=\"actions-h\">Control</h2>");
    if (status.finished()) {
      return html.append("<p>The job has finished.</p></section>").toString();
    }
    if (status == JobStatus.WAITING_APPROVAL) {
      html.append(button(base + "approve", "Approve plan", "primary"));
      html.append("<form method=\"post\" action=\"")
          .append(base)
          .append("reject\" data-action>")
          .append("<label for=\"reason\">Reason</label>")
          .append("<input id=\"reason\" name=\"reason\" required>")
          .append("<button type=\"submit\">Reject plan</button></form>");
    }
    if (status == JobStatus.PAUSED) {
      html.append(button(base + "resume", "Resume", ""));
    } else {
      html.append(button(base + "pause", "Pause", ""));
    }
    html.append(button(base + "cancel", "Cancel job", "danger"));
    return html.append("</section>").toString();
  }

  private static String button(String action, String label, String kind) {
    return "<form method=\"post\" action=\""
        + action
        + "\" data-action><button type=\"submit\""
        + (kind.isEmpty() ? "" : " class=\"" + kind + "\"")
        + ">"
        + label
        + "</button></form>";
  }

  static String event(JobEvent event) {
    return "<li><span class=\"meta\">"
        + Html.time(event.at())
        + "</span> "
        + Html.badge(event.type())
        + " "
        + esc(event.message())
        + "</li>";
  }

  private static Usage usage(Usage usage) {
    return usage == null ? Usage.NONE : usage;
  }
}
