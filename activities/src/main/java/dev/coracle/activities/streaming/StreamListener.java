package dev.coracle.activities.streaming;

/** An HTTP response waiting, in this process, for the tokens of a model call. */
public interface StreamListener {
  /**
   * A model call begins. Called again when the workflow falls back to another model before any
   * token was sent, so the latest call names the model that is answering.
   */
  void onStart(String provider, String model, String requestClass);

  /** The next piece of the answer, in order. */
  void onToken(String text);
}
