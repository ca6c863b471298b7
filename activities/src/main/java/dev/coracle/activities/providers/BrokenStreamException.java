package dev.coracle.activities.providers;

/**
 * A stream the upstream ended badly: without its terminator, with an error event, or with {@code
 * finish_reason: "error"}. The answer so far is partial, whatever the last chunk said.
 */
final class BrokenStreamException extends RuntimeException {

  BrokenStreamException(String reason) {
    super(reason, null, false, false);
  }
}
