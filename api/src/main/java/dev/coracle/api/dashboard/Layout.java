package dev.coracle.api.dashboard;

import static dev.coracle.api.dashboard.Html.esc;

import java.util.List;

/** The frame around every dashboard page: title, navigation, the style and the script. */
final class Layout {
  /** A page in the navigation bar. */
  enum Section {
    JOBS("Jobs", "/"),
    REQUESTS("Requests", "/dashboard/requests"),
    PROVIDERS("Providers", "/dashboard/providers"),
    SAVINGS("Savings", "/dashboard/savings");

    final String label;
    final String href;

    Section(String label, String href) {
      this.label = label;
      this.href = href;
    }
  }

  private Layout() {}

  /** A whole page; {@code body} is HTML already escaped. */
  static String page(String title, Section active, String body) {
    StringBuilder nav = new StringBuilder();
    for (Section section : List.of(Section.values())) {
      nav.append("<li><a href=\"")
          .append(section.href)
          .append('"')
          .append(section == active ? " aria-current=\"page\"" : "")
          .append('>')
          .append(section.label)
          .append("</a></li>");
    }
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s · coracle</title>
        <link rel="stylesheet" href="/dashboard/static/dashboard.css">
        <script src="/dashboard/static/dashboard.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header><span class="brand">coracle</span><nav aria-label="Dashboard"><ul>%s</ul></nav></header>
        <main id="main">
        %s
        </main>
        </body>
        </html>
        """
        .formatted(esc(title), nav, body);
  }
}
