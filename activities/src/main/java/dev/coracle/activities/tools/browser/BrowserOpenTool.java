package dev.coracle.activities.tools.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.browser.BrowserException;
import dev.coracle.activities.browser.Chromium;
import dev.coracle.activities.config.CoracleConfig.WebConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolArgs;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.activities.tools.web.OwnPorts;
import dev.coracle.activities.tools.web.SsrfGuard;
import dev.coracle.activities.tools.web.WebFetchTool;
import dev.coracle.activities.tools.web.WebSettings;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in headless chromium, for pages that only show their content after scripts run:
 * returns the rendered text and stores a full-page screenshot as an artifact.
 */
@Singleton
public class BrowserOpenTool implements Tool {

  /** Artifacts of this kind hold a browser_open screenshot. */
  public static final String ARTIFACT_KIND = "screenshot";

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "browser_open",
          "Open an http(s) URL in a headless browser, run its scripts, and return the rendered"
              + " page as readable text after a header with the final URL, status and title. A"
              + " full-page PNG screenshot is saved as an artifact whose id is in the header. Slower"
              + " than web_fetch; use it for pages that need JavaScript. Addresses on this machine"
              + " or its private network are refused.",
          """
          {"type": "object",
           "properties": {
             "url": {"type": "string", "description": "The http or https URL to open"}},
           "required": ["url"],
           "additionalProperties": false}
          """,
          null);

  /** One chromium at a time in this process: each takes a few hundred MB. */
  private final Semaphore browsers = new Semaphore(1, true);

  private final SsrfGuard guard;
  private final Path chromium;
  private final Duration timeout;
  private final long maxBytes;
  private final ArtifactStore artifacts;

  @Inject
  public BrowserOpenTool(LoadedConfig loaded, OwnPorts ownPorts, ArtifactStore artifacts) {
    this(WebSettings.of(loaded), ownPorts, loaded.config().browser().chromium(), artifacts);
  }

  public BrowserOpenTool(
      WebConfig web, OwnPorts ownPorts, String chromium, ArtifactStore artifacts) {
    this.guard = new SsrfGuard(web.allowHosts(), ownPorts);
    this.chromium = Chromium.executable(chromium);
    this.timeout = Duration.ofSeconds(web.timeoutSeconds());
    this.maxBytes = web.maxBytes();
    this.artifacts = artifacts;
  }

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public ToolOutput run(ToolContext context, JsonNode json) {
    SsrfGuard.Target target =
        guard.vet(WebFetchTool.parseUrl(new ToolArgs(name(), json).requiredString("url")));
    PageCapture.Capture capture = capture(target);
    String screenshot =
        artifacts.put(
            context.jobId(), ARTIFACT_KIND, target.host() + ".png", "image/png", capture.png());
    return ToolOutput.ok(BrowserOpenOutput.format(capture, screenshot, timeout, maxBytes));
  }

  private PageCapture.Capture capture(SsrfGuard.Target target) {
    acquire();
    try {
      return PageCapture.open(chromium, guard, target, timeout, maxBytes);
    } catch (BrowserException e) {
      throw new ToolException("browser_open: " + e.getMessage());
    } finally {
      browsers.release();
    }
  }

  private void acquire() {
    try {
      if (!browsers.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ToolException(
            "the browser stayed busy with another browser_open for " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException("browser_open was interrupted");
    }
  }
}
