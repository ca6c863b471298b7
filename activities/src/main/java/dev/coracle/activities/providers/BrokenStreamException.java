package dev.coracle.activities.providers;

/**
 * An answer the upstream ended badly: a stream without its terminator, with an error event, or with
 * {@code finish_reason: "error"}; a plain answer with an error or that finish reason. The answer so
 * far is partial, whatever the last chunk said.
 */
final class BrokenStreamException extends RuntimeException {

  BrokenStreamException(String reason) {
    super(reason, null, false, false);
  }
}
