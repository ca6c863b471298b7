package dev.coracle.workflows.chat;

import java.util.List;

/**
 * The durable answer of a {@link ChatWorkflow}.
 *
 * @param provider the provider that answered, or {@code coracle} when no model was needed
 * @param modelMillis time spent waiting on the model; the rest of the request is coracle's overhead
 * @param fallbacks one line per candidate that failed before the one that answered
 * @param toolCalls the tool calls of an agent-mode answer, or null
 * @param cacheHit true when the answer came from the semantic cache
 * @param jobId when the request started a coding job instead of being answered at once, its id; the
 *     content is then empty and the answer is the job's progress and summary
 */
public record ChatResult(
    Classification classification,
    String provider,
    String model,
    String content,
    String finishReason,
    Usage usage,
    long modelMillis,
    List<String> fallbacks,
    List<ToolCall> toolCalls,
    boolean cacheHit,
    String jobId) {

  public ChatResult(
      Classification classification,
      String provider,
      String model,
      String content,
      String finishReason,
      Usage usage,
      long modelMillis,
      List<String> fallbacks,
      List<ToolCall> toolCalls,
      boolean cacheHit) {
    this(
        classification,
        provider,
        model,
        content,
        finishReason,
        usage,
        modelMillis,
        fallbacks,
        toolCalls,
        cacheHit,
        null);
  }

  public ChatResult(
      Classification classification,
      String provider,
      String model,
      String content,
      String finishReason,
      Usage usage,
      long modelMillis,
      List<String> fallbacks) {
    this(
        classification,
        provider,
        model,
        content,
        finishReason,
        usage,
        modelMillis,
        fallbacks,
        null,
        false);
  }

  public List<ToolCall> toolCallsOrEmpty() {
    return toolCalls == null ? List.of() : toolCalls;
  }
}
