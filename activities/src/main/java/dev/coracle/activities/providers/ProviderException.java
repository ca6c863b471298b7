package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.ChatErrorType;

/**
 * A failed model call, already classified so the activity can choose between retrying, falling back
 * to another provider, or failing the chat.
 */
public class ProviderException extends RuntimeException {

  private final ChatErrorType type;
  private final int httpStatus;

  public ProviderException(ChatErrorType type, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
    this.httpStatus = httpStatus;
  }

  public ChatErrorType type() {
    return type;
  }

  /** The upstream's HTTP status, or 0 when no response arrived (refused, timed out). */
  public int httpStatus() {
    return httpStatus;
  }
}
