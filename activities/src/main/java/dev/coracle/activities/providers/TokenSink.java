package dev.coracle.activities.providers;

/** Receives the partial tokens of a streamed answer, in order, on the invoking thread. */
@FunctionalInterface
public interface TokenSink {
  void onToken(String text);
}
