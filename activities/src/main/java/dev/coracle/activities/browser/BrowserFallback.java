package dev.coracle.activities.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import dev.coracle.activities.config.CoracleConfig.BrowserConfig;
import dev.coracle.activities.config.CoracleConfig.BrowserSite;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.providers.ProviderException;
import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.providers.TokenSink;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.model.ModelAnswer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last link of the provider chain: answers a chat through a site's web UI in headless chromium,
 * with the session the user signed in with ({@code coracle browser login <site>}).
 *
 * <p>One page at a time across the process, in arrival order: a chat site is one user typing.
 * Chromium starts on the first chat of a site and stays up until shutdown.
 */
@Singleton
public class BrowserFallback implements AutoCloseable {
  /** How long a site that showed its usage banner is not asked again. */
  static final Duration USAGE_LIMIT_WAIT = Duration.ofHours(1);

  private static final Logger log = LoggerFactory.getLogger(BrowserFallback.class);
  private static final Duration MAX_READY_WAIT = Duration.ofSeconds(30);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
  private static final TokenSink NO_SINK = text -> {};

  private final BrowserConfig config;
  private final Duration timeout;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final ChromiumProfiles profiles;
  private final Map<String, BrowserContext> contexts = new HashMap<>();

  @Inject
  public BrowserFallback(LoadedConfig loaded) {
    this(loaded.config().browser(), loaded.home());
  }

  public BrowserFallback(BrowserConfig config, Path home) {
    this.config = config;
    this.timeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
    this.profiles = new ChromiumProfiles(config.chromium(), home);
  }

  /** Whether the fallback is on and the site is configured and on. */
  public boolean enabled(String siteName) {
    return config.enabled()
        && BrowserSites.find(config, siteName).map(BrowserSite::enabled).orElse(false);
  }

  /**
   * Sends the conversation to the site as one message and returns the answer, passing it to the
   * sink as it appears.
   *
   * @param sink receives the answer's text in order on this thread; null when not streaming
   * @throws ProviderException classified: UPSTREAM_AUTH when not signed in, UPSTREAM_RATE_LIMITED
   *     on the site's usage-limit banner, UPSTREAM_UNAVAILABLE on a timeout or a browser failure,
   *     STREAM_BROKEN for any failure after text was streamed, NO_PROVIDER when the site is off
   */
  public ModelAnswer ask(String siteName, List<ChatMessage> messages, TokenSink sink) {
    BrowserSite site = enabledSite(siteName);
    String prompt = PromptFlattener.flatten(messages);
    if (prompt.isBlank()) {
      throw new ProviderException(ChatErrorType.UPSTREAM_REJECTED, 0, "nothing to send", null);
    }
    acquire(site);
    try {
      return askLocked(site, prompt, sink == null ? NO_SINK : sink);
    } finally {
      lock.unlock();
    }
  }

  private ModelAnswer askLocked(BrowserSite site, String prompt, TokenSink sink) {
    AnswerStream stream = new AnswerStream(sink);
    SitePage page = null;
    try {
      page = new SitePage(page(site), site);
      // Starting chromium has its own limit; the timeout is for the site.
      Instant deadline = Instant.now().plus(timeout);
      page.open(remaining(deadline));
      SiteCheck ready = page.awaitReady(earliest(deadline, Instant.now().plus(MAX_READY_WAIT)));
      switch (ready.status()) {
        case SIGNED_OUT -> throw notSignedIn(site, ready.detail());
        case RATE_LIMITED -> throw usageLimit(site.name() + ": " + ready.detail());
        case SIGNED_IN -> {}
      }
      int responsesBefore = page.responseCount();
      int doneBefore = page.doneCount();
      long started = System.nanoTime();
      page.send(prompt, earliest(remaining(deadline), SEND_TIMEOUT));
      String answer = stream.read(page, responsesBefore, doneBefore, deadline);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      return new ModelAnswer(
          answer, "stop", new Usage(estimateTokens(prompt), estimateTokens(answer)), millis);
    } catch (BrowserException e) {
      throw stream.fail(ChatErrorType.UPSTREAM_UNAVAILABLE, site.name() + ": " + e.getMessage(), e);
    } catch (PlaywrightException e) {
      log.debug("browser site {} failed", site.name(), e);
      discardIfClosed(site);
      throw stream.fail(
          ChatErrorType.UPSTREAM_UNAVAILABLE,
          site.name() + ": the browser failed: " + ChromiumProfiles.firstLine(e.getMessage()),
          e);
    } finally {
      if (page != null) {
        page.leave();
      }
    }
  }

  private BrowserSite enabledSite(String siteName) {
    if (!config.enabled()) {
      throw new ProviderException(
          ChatErrorType.NO_PROVIDER,
          0,
          "the browser fallback is off (set browser.enabled: true in coracle.yml)",
          null);
    }
    BrowserSite site;
    try {
      site = BrowserSites.require(config, siteName);
    } catch (BrowserException e) {
      throw new ProviderException(ChatErrorType.NO_PROVIDER, 0, e.getMessage(), e);
    }
    if (!site.enabled()) {
      throw new ProviderException(
          ChatErrorType.NO_PROVIDER,
          0,
          "browser site " + siteName + " is off (set its enabled: true in browser.sites)",
          null);
    }
    return site;
  }

  private void acquire(BrowserSite site) {
    try {
      if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ProviderException(
            ChatErrorType.UPSTREAM_UNAVAILABLE,
            0,
            site.name()
                + ": the browser stayed busy with other chats for "
                + timeout.toSeconds()
                + " s",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ChatErrorType.UPSTREAM_UNAVAILABLE, 0, "interrupted waiting for the browser", e);
    }
  }

  /** The site's one page, launching chromium on its profile if it is not running. */
  private Page page(BrowserSite site) {
    BrowserContext context = contexts.get(site.name());
    if (context == null || context.isClosed()) {
      context = profiles.launch(site.name(), true);
      contexts.put(site.name(), context);
    }
    List<Page> pages = context.pages();
    return pages.isEmpty() ? context.newPage() : pages.get(0);
  }

  /** Forgets a chromium that crashed or was closed, so the next chat starts a new one. */
  private void discardIfClosed(BrowserSite site) {
    BrowserContext context = contexts.get(site.name());
    if (context != null && context.isClosed()) {
      contexts.remove(site.name());
    }
  }

  private static ProviderException notSignedIn(BrowserSite site, String detail) {
    return new ProviderException(
        ChatErrorType.UPSTREAM_AUTH,
        0,
        "not signed in to "
            + site.name()
            + " in coracle's browser profile ("
            + detail
            + "); run `coracle browser login "
            + site.name()
            + "`",
        null);
  }

  /** Web UIs report no usage: about four characters to a token. */
  static int estimateTokens(String text) {
    return (text.length() + 3) / 4;
  }

  private static Duration remaining(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Duration earliest(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /**
   * A chat site showing its usage banner. Web UIs do not say when the limit resets, so the site is
   * left alone for {@link #USAGE_LIMIT_WAIT}.
   */
  static ProviderException usageLimit(String message) {
    RateLimitInfo wait =
        new RateLimitInfo(
            null,
            null,
            null,
            null,
            null,
            null,
            USAGE_LIMIT_WAIT,
            RateLimitInfo.Scope.UNKNOWN,
            null);
    return new ProviderException(ChatErrorType.UPSTREAM_RATE_LIMITED, 0, message, null, wait);
  }

  /**
   * Closes each chromium so it writes its profile (cookies included) to disk, then the driver. A
   * chat still running gets a few seconds to finish first.
   */
  @PreDestroy
  @Override
  public void close() {
    boolean locked = false;
    try {
      locked = lock.tryLock(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      for (BrowserContext context : contexts.values()) {
        try {
          context.close();
        } catch (PlaywrightException e) {
          log.debug("closing a browser profile failed", e);
        }
      }
      contexts.clear();
      profiles.close();
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }
}
