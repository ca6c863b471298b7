package dev.coracle.activities.store;

import io.micronaut.core.annotation.Introspected;

/**
 * What one provider's model did over a period, summed from the {@code audit} table.
 *
 * @param calls every call, answered or failed
 * @param failures calls whose outcome was not {@code ok}
 */
@Introspected
public record ModelTotals(
    String provider,
    String model,
    long calls,
    long failures,
    long promptTokens,
    long completionTokens) {

  public long answered() {
    return calls - failures;
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  /** The name a person knows the model by: {@code provider/model}. */
  public String target() {
    return provider + "/" + model;
  }
}
