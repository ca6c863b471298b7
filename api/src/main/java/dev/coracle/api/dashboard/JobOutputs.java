package dev.coracle.api.dashboard;

import static dev.coracle.api.dashboard.Html.esc;

import dev.coracle.activities.store.Artifact;
import java.util.List;

/** What a job produced beside its files: the tool calls with their output, and its artifacts. */
final class JobOutputs {
  private JobOutputs() {}

  static String toolCalls(List<ToolCallView> calls) {
    StringBuilder html =
        new StringBuilder(
            "<section aria-labelledby=\"tools-h\"><h2 id=\"tools-h\">Tool calls</h2>");
    if (calls.isEmpty()) {
      return html.append(
              "<p>None in the job's Temporal history (none yet, or the history is no"
                  + " longer held; the events above list them too).</p></section>")
          .toString();
    }
    for (ToolCallView call : calls) {
      html.append("<details><summary>step ")
          .append(call.step())
          .append(": <code>")
          .append(esc(call.name()))
          .append("</code> ")
          .append(esc(Html.cut(call.arguments().toString(), 120)))
          .append(call.output() == null ? " (running)" : call.error() ? " (error)" : "")
          .append("</summary><pre>")
          .append(esc(Html.cut(call.output(), 4000)))
          .append("</pre>");
      if (call.artifactId() != null) {
        html.append("<p><a href=\"/dashboard/artifacts/")
            .append(esc(call.artifactId()))
            .append("\">Whole output (")
            .append(esc(call.artifactId()))
            .append(")</a></p>");
      }
      html.append("</details>");
    }
    return html.append("</section>").toString();
  }

  static String artifacts(List<Artifact> artifacts) {
    StringBuilder html =
        new StringBuilder(
            "<section aria-labelledby=\"artifacts-h\"><h2 id=\"artifacts-h\">Artifacts</h2>");
    if (artifacts.isEmpty()) {
      return html.append("<p>None.</p></section>").toString();
    }
    html.append("<ul>");
    for (Artifact artifact : artifacts) {
      html.append("<li><a href=\"/dashboard/artifacts/")
          .append(esc(artifact.id()))
          .append("\">")
          .append(esc(artifact.kind()))
          .append(": ")
          .append(esc(Html.cut(artifact.name(), 80)))
          .append("</a> <span class=\"meta\">")
          .append(Html.count(artifact.size()))
          .append(" bytes, ")
          .append(Html.time(artifact.createdAt()))
          .append("</span></li>");
    }
    return html.append("</ul></section>").toString();
  }
}
