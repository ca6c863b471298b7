package dev.coracle.activities.streaming;

import dev.coracle.activities.providers.TokenSink;

/** An HTTP response waiting, in this process, for the tokens of a model call. */
public interface StreamListener extends TokenSink {
  /**
   * A model call begins. Called again when the workflow falls back to another model before any
   * token was sent, so the latest call names the model that is answering.
   */
  void onStart(String provider, String model, String requestClass);

  /** The next piece of the answer, in order. */
  @Override
  void onToken(String text);

  /**
   * A piece of a tool call in agent mode: the first piece of each call carries its id and name,
   * later pieces only more of the arguments' JSON text.
   */
  @Override
  default void onToolCall(int index, String id, String name, String argumentsFragment) {}
}
