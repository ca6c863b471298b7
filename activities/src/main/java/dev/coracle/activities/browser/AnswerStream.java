package dev.coracle.activities.browser;

import dev.coracle.activities.providers.ProviderException;
import dev.coracle.activities.providers.TokenSink;
import dev.coracle.workflows.chat.ChatErrorType;
import java.time.Duration;
import java.time.Instant;

/**
 * Streams an answer off the page by reading the newest response element over and over and passing
 * on whatever it grew by. Once any text has gone to the sink, every failure is {@link
 * ChatErrorType#STREAM_BROKEN}: falling back to another provider would repeat it.
 */
final class AnswerStream {
  /** The text must hold still this long after the done marker appears. */
  static final Duration SETTLE = Duration.ofMillis(500);

  /** Without a done selector, an answer is complete once its text held still this long. */
  static final Duration SETTLE_WITHOUT_DONE = Duration.ofSeconds(3);

  private final TokenSink sink;
  private String sent = "";

  AnswerStream(TokenSink sink) {
    this.sink = sink;
  }

  /**
   * Reads until the answer is complete.
   *
   * @param responsesBefore response elements on the page before the prompt was sent
   * @param doneBefore visible done markers on the page before the prompt was sent
   */
  String read(SitePage page, int responsesBefore, int doneBefore, Instant deadline) {
    String text = "";
    Instant changed = Instant.now();
    boolean hasDone = !SitePage.blank(page.site().done());
    while (true) {
      if (page.rateLimitBannerShown()) {
        if (streamed()) {
          throw fail(
              ChatErrorType.UPSTREAM_RATE_LIMITED,
              page.site().name() + " shows a usage-limit banner",
              null);
        }
        throw BrowserFallback.usageLimit(page.site().name() + " shows a usage-limit banner");
      }
      String current = page.answerText(responsesBefore).strip();
      Instant now = Instant.now();
      if (!current.equals(text)) {
        text = current;
        changed = now;
        forward(text);
      }
      boolean settled =
          !text.isEmpty()
              && (hasDone
                  ? page.doneCount() > doneBefore && !now.isBefore(changed.plus(SETTLE))
                  : !now.isBefore(changed.plus(SETTLE_WITHOUT_DONE)));
      if (settled) {
        return text;
      }
      if (!now.isBefore(deadline)) {
        throw fail(
            ChatErrorType.UPSTREAM_UNAVAILABLE,
            page.site().name()
                + (text.isEmpty() ? " did not answer" : " stopped answering")
                + " within the browser timeout",
            null);
      }
      page.pause();
    }
  }

  /**
   * Passes on what the text grew by. A page may rewrite text it already showed (when it renders
   * markdown, say); what went to the sink cannot be taken back, so then nothing more is passed on
   * until the text again extends what was sent.
   */
  private void forward(String text) {
    if (text.length() > sent.length() && text.startsWith(sent)) {
      String piece = text.substring(sent.length());
      sent = text;
      sink.onToken(piece);
    }
  }

  /** Whether any text went to the sink. */
  boolean streamed() {
    return !sent.isEmpty();
  }

  /** The failure to report, {@link ChatErrorType#STREAM_BROKEN} once text was streamed. */
  ProviderException fail(ChatErrorType type, String message, Throwable cause) {
    if (streamed()) {
      return new ProviderException(
          ChatErrorType.STREAM_BROKEN,
          0,
          message + " after " + sent.length() + " characters were streamed",
          cause);
    }
    return new ProviderException(type, 0, message, cause);
  }
}
