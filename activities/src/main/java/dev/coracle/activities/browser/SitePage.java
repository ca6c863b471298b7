package dev.coracle.activities.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.WaitUntilState;
import dev.coracle.activities.browser.SiteCheck.Status;
import dev.coracle.activities.config.CoracleConfig.BrowserSite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A chat site's page read through the site's selectors. Every check looks at the page as it is now
 * and never waits, so the caller's loop alone decides how long anything may take. A selector that
 * is not valid fails with Playwright's parse error, which names it.
 */
final class SitePage {
  static final Duration POLL = Duration.ofMillis(100);

  private static final Locator.FilterOptions VISIBLE = new Locator.FilterOptions().setVisible(true);

  private final Page page;
  private final BrowserSite site;

  SitePage(Page page, BrowserSite site) {
    this.page = page;
    this.site = site;
  }

  BrowserSite site() {
    return site;
  }

  /** Loads the site's URL, which starts a new chat on the shipped sites. */
  void open(Duration timeout) {
    page.navigate(
        site.url(),
        new Page.NavigateOptions()
            .setWaitUntil(WaitUntilState.DOMCONTENTLOADED)
            .setTimeout(Math.max(1, timeout.toMillis())));
  }

  /**
   * Waits until the page shows the chat input, a sign-in prompt or a rate-limit banner. The input
   * must be there on two looks in a row with no sign-in prompt, because some sites draw the input
   * first and the sign-in button a moment later.
   */
  SiteCheck awaitReady(Instant deadline) {
    boolean inputSeen = false;
    while (true) {
      if (visible(site.signedOut())) {
        return check(
            Status.SIGNED_OUT, "the page shows a sign-in prompt (" + site.signedOut() + ")");
      }
      if (visible(site.rateLimit())) {
        return check(Status.RATE_LIMITED, "the page shows a usage-limit banner");
      }
      boolean input = visible(site.input());
      if (input && inputSeen) {
        return check(Status.SIGNED_IN, "the chat input is there");
      }
      inputSeen = input;
      if (!Instant.now().isBefore(deadline)) {
        return check(
            Status.SIGNED_OUT,
            "the chat input ("
                + site.input()
                + ") never appeared: not signed in, or the selector is out of date");
      }
      pause();
    }
  }

  /** How many elements match the response selector: the answer to the next prompt comes after. */
  int responseCount() {
    return locator(site.response()).count();
  }

  /** How many visible elements match the done selector (0 when the site has none). */
  int doneCount() {
    return blank(site.done()) ? 0 : locator(site.done()).filter(VISIBLE).count();
  }

  /** Types the prompt into the input and sends it, with the send button or else Enter. */
  void send(String prompt, Duration timeout) {
    double millis = Math.max(1, timeout.toMillis());
    Locator input = locator(site.input()).filter(VISIBLE).first();
    input.fill(prompt, new Locator.FillOptions().setTimeout(millis));
    if (blank(site.send())) {
      input.press("Enter", new Locator.PressOptions().setTimeout(millis));
      return;
    }
    try {
      locator(site.send())
          .filter(VISIBLE)
          .first()
          .click(new Locator.ClickOptions().setTimeout(millis));
    } catch (TimeoutError e) {
      throw new BrowserException(
          "the send button ("
              + site.send()
              + ") never became clickable: the selector may be out of date",
          e);
    }
  }

  /**
   * The text of the newest answer, or "" while there is none. Only elements after the first {@code
   * before} count, so an older answer on the page is never mistaken for the new one.
   */
  String answerText(int before) {
    List<String> texts = locator(site.response()).allInnerTexts();
    if (texts.size() <= before) {
      return "";
    }
    return texts.get(texts.size() - 1);
  }

  /**
   * Whether a rate-limit banner is showing outside the answers: an answer that happens to talk
   * about usage limits must not read as a banner.
   */
  boolean rateLimitBannerShown() {
    if (blank(site.rateLimit())) {
      return false;
    }
    int all = locator(site.rateLimit()).filter(VISIBLE).count();
    if (all == 0) {
      return false;
    }
    int inAnswers = locator(site.response()).locator(site.rateLimit()).filter(VISIBLE).count();
    return all > inAnswers;
  }

  /** Waits one polling interval while Playwright delivers the page's events. */
  void pause() {
    page.waitForTimeout(POLL.toMillis());
  }

  /** Leaves the site so it does no work in the background between chats. */
  void leave() {
    try {
      if (!page.isClosed()) {
        page.navigate("about:blank");
      }
    } catch (PlaywrightException e) {
      // The next chat navigates afresh anyway.
    }
  }

  private boolean visible(String selector) {
    return !blank(selector) && locator(selector).filter(VISIBLE).count() > 0;
  }

  private Locator locator(String selector) {
    return page.locator(selector);
  }

  private SiteCheck check(Status status, String detail) {
    return new SiteCheck(site.name(), status, detail);
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
