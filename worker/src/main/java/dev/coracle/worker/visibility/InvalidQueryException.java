package dev.coracle.worker.visibility;

/**
 * A list query, or a page token, the embedded server cannot answer. The message goes to the caller
 * as gRPC {@code INVALID_ARGUMENT}, and the {@code temporal} CLI prints it as is, so it names what
 * is wrong and what would work instead.
 */
public final class InvalidQueryException extends IllegalArgumentException {
  InvalidQueryException(String message) {
    super(message);
  }
}
