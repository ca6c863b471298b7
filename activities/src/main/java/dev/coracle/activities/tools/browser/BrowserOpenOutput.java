package dev.coracle.activities.tools.browser;

import dev.coracle.activities.tools.web.PageText;
import java.time.Duration;

/** What browser_open tells the model: a header of facts, then the page's text. */
final class BrowserOpenOutput {

  private BrowserOpenOutput() {}

  static String format(
      PageCapture.Capture capture, String screenshotId, Duration timeout, long maxChars) {
    PageText page = PageText.ofHtml(capture.html(), capture.url());
    StringBuilder out = new StringBuilder();
    out.append("URL: ").append(capture.url()).append('\n');
    if (capture.status() > 0) {
      out.append("Status: ").append(capture.status()).append('\n');
    }
    String title = capture.title() == null ? "" : capture.title().strip();
    if (!title.isEmpty()) {
      out.append("Title: ").append(title).append('\n');
    }
    out.append("Screenshot: artifact ")
        .append(screenshotId)
        .append(" (image/png, ")
        .append(capture.png().length)
        .append(" bytes, ")
        .append(capture.fullPage() ? "full page" : "first screen only; the full page was too big")
        .append(")\n");
    if (!capture.loaded()) {
      out.append("Still loading: the page had not finished loading after ")
          .append(timeout.toSeconds())
          .append(" s; this is what had loaded\n");
    }
    if (!capture.blocked().isEmpty()) {
      out.append("Blocked: ").append(capture.blocked().size()).append(" request(s)\n");
      capture.blocked().forEach(line -> out.append("  ").append(line).append('\n'));
    }
    String text = page.text().strip();
    if (text.length() > maxChars) {
      text =
          text.substring(0, (int) maxChars)
              + "\n[cut at "
              + maxChars
              + " characters (tools.web.max-bytes)]";
    }
    return out.append('\n').append(text).append('\n').toString();
  }
}
