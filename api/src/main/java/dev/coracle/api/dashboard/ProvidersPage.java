package dev.coracle.api.dashboard;

import static dev.coracle.api.dashboard.Html.esc;

import dev.coracle.activities.local.SlotState;
import dev.coracle.activities.quota.ModelQuota;
import dev.coracle.activities.quota.WindowQuota;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Providers: health, each quota window as used and left, cooldowns counting down, disable and
 * enable, and the single local LLM slot with what is waiting for it.
 */
final class ProvidersPage {
  private ProvidersPage() {}

  /** A configured model and whether its provider can be reached. */
  record Entry(ModelQuota quota, boolean reachable, String healthDetail) {}

  /** What is in flight: open chat and job workflows, the work the slot serves. */
  record InFlight(long chats, long jobs) {}

  static String render(List<Entry> entries, SlotState slot, InFlight inFlight, Instant now) {
    StringBuilder body = new StringBuilder("<h1>Providers</h1>");
    body.append(slot(slot, inFlight));
    body.append("<p id=\"action-result\" role=\"status\"></p>");
    body.append("<div data-reload-after-action>");
    for (Entry entry : entries) {
      body.append(entry(entry, now));
    }
    body.append("</div>");
    return Layout.page("Providers", Layout.Section.PROVIDERS, body.toString());
  }

  private static String slot(SlotState slot, InFlight inFlight) {
    StringBuilder html =
        new StringBuilder(
            "<section class=\"card\" aria-labelledby=\"slot-h\"><h2 id=\"slot-h\">Local LLM slot"
                + "</h2><dl class=\"facts\">");
    Html.fact(
        html,
        "Resident model",
        slot.residentModel() == null ? "none yet" : esc(slot.residentModel()));
    Html.fact(
        html,
        "Since",
        slot.residentSince() == null ? "" : Html.time(slot.residentSince().toEpochMilli()));
    Html.fact(html, "Swaps", String.valueOf(slot.swaps()));
    Html.fact(
        html,
        "Last swap took",
        slot.lastSwap() == null ? "" : Html.duration(slot.lastSwap().toMillis()));
    Html.fact(html, "In flight", inFlight.chats() + " chats, " + inFlight.jobs() + " jobs");
    if (slot.lastRefusal() != null) {
      Html.fact(html, "Last refusal", esc(slot.lastRefusal()));
    }
    return html.append("</dl></section>").toString();
  }

  private static String entry(Entry entry, Instant now) {
    ModelQuota q = entry.quota();
    String id = q.provider() + "/" + q.model();
    StringBuilder html =
        new StringBuilder("<section class=\"card\" aria-label=\"")
            .append(esc(id))
            .append("\"><h2><code>")
            .append(esc(id))
            .append("</code>")
            .append(q.local() ? " <span class=\"meta\">local</span>" : "")
            .append("</h2>");
    html.append("<dl class=\"facts\">");
    Html.fact(
        html,
        "Health",
        (entry.reachable() ? Html.badge("reachable") : Html.badge("unreachable"))
            + " "
            + esc(entry.healthDetail()));
    Html.fact(
        html,
        "Now",
        q.available()
            ? Html.badge("available")
            : Html.badge("unavailable") + " " + esc(q.unavailable()));
    if (q.cooldownUntil() != null && q.cooldownUntil().isAfter(now)) {
      Html.fact(
          html, "Cooldown", esc(q.cooldownReason()) + " — " + countdown(q.cooldownUntil(), now));
    } else if (q.availableAt() != null && q.availableAt().isAfter(now)) {
      Html.fact(html, "Available again", countdown(q.availableAt(), now));
    }
    Html.fact(
        html,
        "Calls today",
        Html.count(q.callsToday()) + " (" + Html.count(q.tokensToday()) + " tokens)");
    if (q.lastError() != null) {
      Html.fact(
          html,
          "Last error",
          esc(Html.cut(q.lastError(), 200))
              + " "
              + (q.lastErrorAt() == null ? "" : Html.time(q.lastErrorAt().toEpochMilli())));
    }
    html.append("</dl>");
    html.append(windows(q.windows(), now));
    if (!q.local()) {
      html.append(toggle(q));
    }
    return html.append("</section>").toString();
  }

  private static String windows(List<WindowQuota> windows, Instant now) {
    if (windows.isEmpty()) {
      return "<p>No quota windows: no limits are configured or learned.</p>";
    }
    StringBuilder html =
        new StringBuilder(
            "<table class=\"quota\"><thead><tr><th scope=\"col\">Window</th>"
                + "<th scope=\"col\">Requests used / left</th><th scope=\"col\">Tokens used / left</th>"
                + "<th scope=\"col\">Resets</th></tr></thead><tbody>");
    for (WindowQuota w : windows) {
      html.append("<tr><td>")
          .append(w.window().name().toLowerCase())
          .append(w.shared() ? " (shared)" : "")
          .append("</td><td>")
          .append(bar(w.requestsUsed(), w.requestLimit(), w.requestsLeft(), "requests"))
          .append("</td><td>")
          .append(bar(w.tokensUsed(), w.tokenLimit(), w.tokensLeft(), "tokens"))
          .append("</td><td>")
          .append(w.resetsAt() == null ? "" : countdown(w.resetsAt(), now))
          .append("</td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }

  /** A used/left bar; with no limit (0), just the count used. */
  private static String bar(long used, int limit, Long left, String unit) {
    if (limit <= 0) {
      return Html.count(used) + " used, no limit";
    }
    return "<meter min=\"0\" max=\""
        + limit
        + "\" value=\""
        + Math.min(used, limit)
        + "\" high=\""
        + (limit * 0.8)
        + "\" aria-label=\""
        + unit
        + " used of "
        + limit
        + "\"></meter> "
        + Html.count(used)
        + " / "
        + Html.count(limit)
        + ", "
        + (left == null ? "?" : Html.count(left))
        + " left";
  }

  /** A moment in the future as a countdown the page's script keeps counting. */
  private static String countdown(Instant until, Instant now) {
    long seconds = Math.max(0, Duration.between(now, until).getSeconds());
    return "<span data-countdown=\""
        + until
        + "\">"
        + Html.countdown(seconds)
        + "</span> ("
        + Html.time(until.toEpochMilli())
        + ")";
  }

  private static String toggle(ModelQuota q) {
    String provider = esc(q.provider());
    if (q.disabled()) {
      return "<p>Disabled: "
          + esc(q.disabledReason())
          + "</p><form method=\"post\" action=\""
          + "/api/providers/"
          + provider
          + "/enable\" data-action><button type=\"submit\">"
          + "Enable "
          + provider
          + "</button></form>";
    }
    return "<form method=\"post\" action=\"/dashboard/providers/"
        + provider
        + "/disable\""
        + " data-action><button type=\"submit\">Disable "
        + provider
        + "</button></form>";
  }
}
