package dev.coracle.api.nativeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.coracle.activities.local.LocalModelSlot;
import dev.coracle.activities.model.ConfiguredProvider;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.activities.model.ProviderHealth;
import dev.coracle.activities.quota.ModelQuota;
import dev.coracle.activities.quota.QuotaLedger;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/providers}: for each provider and model, health, free-tier quota used and left
 * per window, cooldown, last error, calls and tokens today, and what the same tokens would have
 * cost at list prices; plus the state of the single LLM slot.
 */
@Controller("/api/providers")
public class ProvidersController {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final QuotaLedger ledger;
  private final ProviderCatalog catalog;
  private final ProviderHealth health;
  private final LocalModelSlot slot;

  public ProvidersController(
      QuotaLedger ledger, ProviderCatalog catalog, ProviderHealth health, LocalModelSlot slot) {
    this.ledger = ledger;
    this.catalog = catalog;
    this.health = health;
    this.slot = slot;
  }

  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> providers() throws JsonProcessingException {
    List<Map<String, Object>> models = new ArrayList<>();
    for (ModelQuota quota : ledger.snapshot()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", quota.provider() + "/" + quota.model());
      entry.put("health", health(quota.provider()));
      entry.put("quota", quota);
      models.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "list");
    body.put("data", models);
    body.put("local_slot", slot.state());
    body.put("savings", ledger.savings());
    return HttpResponse.ok(JSON.writeValueAsString(body))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private Map<String, Object> health(String providerName) {
    Map<String, Object> result = new LinkedHashMap<>();
    ConfiguredProvider provider = catalog.find(providerName).orElse(null);
    if (provider == null) {
      result.put("reachable", false);
      result.put("detail", "no longer configured");
      return result;
    }
    var credentials = provider.credentialProblem();
    if (credentials.isPresent()) {
      result.put("reachable", false);
      result.put("detail", credentials.get());
      return result;
    }
    ProviderHealth.Check check = health.check(provider);
    result.put("reachable", check.reachable());
    result.put("detail", check.detail());
    return result;
  }
}
