package dev.coracle.workflows.chat;

import java.util.List;

/**
 * The durable answer of a {@link ChatWorkflow}.
 *
 * @param provider the provider that answered, or {@code coracle} when no model was needed
 * @param modelMillis time spent waiting on the model; the rest of the request is coracle's overhead
 * @param fallbacks one line per candidate that failed before the one that answered
 */
public record ChatResult(
    Classification classification,
    String provider,
    String model,
    String content,
    String finishReason,
    Usage usage,
    long modelMillis,
    List<String> fallbacks) {}
