package dev.coracle.api.nativeapi;

import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.activities.quota.QuotaLedger;
import dev.coracle.api.openai.OpenAiException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/**
 * {@code POST /api/providers/{name}/enable}: use a provider again after it was disabled by a 401 or
 * 403, e.g. once its API key is fixed. The disable is persisted, so a restart alone does not undo
 * it.
 */
@Controller("/api/providers")
public class ProviderEnableController {
  private final QuotaLedger ledger;
  private final ProviderCatalog catalog;

  public ProviderEnableController(QuotaLedger ledger, ProviderCatalog catalog) {
    this.ledger = ledger;
    this.catalog = catalog;
  }

  @Post("/{name}/enable")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public Map<String, Object> enable(@PathVariable String name) {
    if (catalog.find(name).isEmpty()) {
      throw new OpenAiException(
          404, "invalid_request_error", "name", "not_found", "No provider named '" + name + "'");
    }
    ledger.enable(name);
    return Map.of("provider", name, "enabled", true);
  }
}
