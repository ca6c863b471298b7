package dev.coracle.activities.store;

import java.time.Instant;
import java.util.List;

/**
 * The model calls since a moment, per provider and model.
 *
 * @param models busiest first; empty when nothing was called
 */
public record AuditSummary(Instant since, List<ModelTotals> models) {

  public AuditSummary {
    models = List.copyOf(models);
  }

  public long calls() {
    return models.stream().mapToLong(ModelTotals::calls).sum();
  }

  public long failures() {
    return models.stream().mapToLong(ModelTotals::failures).sum();
  }

  public long answered() {
    return calls() - failures();
  }
}
