package dev.coracle.activities.providers;

/**
 * Receives a streamed answer as it arrives, in order, on the invoking thread: text tokens, and in
 * agent mode the pieces of the model's tool calls.
 */
@FunctionalInterface
public interface TokenSink {

  void onToken(String text);

  /**
   * A piece of a tool call, in the shape of an OpenAI {@code delta.tool_calls} entry. The first
   * piece of each call carries its {@code id} and {@code name}; later pieces of the same call carry
   * null for both and only more of the arguments. Concatenating a call's fragments gives its full
   * arguments, the same JSON text the final answer holds under that id. An upstream that streams a
   * call whole (Ollama) gives one piece with all the arguments.
   *
   * @param index the call's position in the answer, from 0
   */
  default void onToolCall(int index, String id, String name, String argumentsFragment) {}
}
