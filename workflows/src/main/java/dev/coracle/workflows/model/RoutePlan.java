package dev.coracle.workflows.model;

import java.util.List;

/**
 * The models to try for one request, best first.
 *
 * @param unavailable when {@code candidates} is empty, why no provider can serve
 * @param skipped providers left out and why (e.g. "groq: GROQ_API_KEY is not set"), so a final
 *     failure can say everything that was not tried; null in histories written before it existed
 */
public record RoutePlan(List<ModelTarget> candidates, String unavailable, List<String> skipped) {

  public RoutePlan(List<ModelTarget> candidates, String unavailable) {
    this(candidates, unavailable, List.of());
  }

  /** {@link #skipped()} that is never null. */
  public List<String> skippedOrEmpty() {
    return skipped == null ? List.of() : skipped;
  }
}
