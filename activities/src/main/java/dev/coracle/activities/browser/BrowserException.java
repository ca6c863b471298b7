package dev.coracle.activities.browser;

/**
 * A problem with the browser itself rather than with a chat site: chromium missing, no display for
 * a visible window, a profile already in use, an unknown site or a selector that is not valid. The
 * message is written for the user and fits on one line.
 */
public class BrowserException extends RuntimeException {

  public BrowserException(String message) {
    super(message);
  }

  public BrowserException(String message, Throwable cause) {
    super(message, cause);
  }
}
