package dev.coracle.activities.local;

/**
 * The LLM slot cannot take a model now: too little free memory, or Ollama would not let go of the
 * model it has. Waiting can fix both, so the activity should fail retryably and let Temporal queue
 * the call rather than fall back to the next model at once.
 */
public class SlotUnavailableException extends RuntimeException {

  public SlotUnavailableException(String message) {
    super(message);
  }
}
