package dev.coracle.workflows.chat;

/**
 * A legacy text completion ({@code POST /v1/completions}): the model continues {@code prompt}
 * rather than answering a conversation, and with a {@code suffix} it writes what belongs between
 * the two (fill-in-the-middle, as editors ask for autocomplete). An upstream with a native
 * completion API (Ollama's {@code /api/generate}) gets these as they are; any other upstream gets
 * the request's messages, which restate them as a chat.
 *
 * @param suffix the text after the gap, or null for a plain continuation
 */
public record TextCompletion(String prompt, String suffix) {

  /** True when the model is to fill a gap rather than continue the prompt. */
  public boolean fillInTheMiddle() {
    return suffix != null && !suffix.isEmpty();
  }
}
