package dev.coracle.api.nativeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.coracle.activities.local.LocalModelSlot;
import dev.coracle.activities.local.SlotState;
import dev.coracle.activities.model.ConfiguredProvider;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.activities.model.ProviderHealth;
import dev.coracle.activities.quota.ModelQuota;
import dev.coracle.activities.quota.QuotaLedger;
import dev.coracle.activities.quota.Savings;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/providers}: for each provider and model, health, free-tier quota used and left
 * per window, cooldown, last error, calls and tokens today, and what the same tokens would have
 * cost at list prices, and the limits the upstream reported ({@code learned_limits}: window, unit,
 * limit, source, learned_at); plus the state of the single LLM slot.
 */
@Controller("/api/providers")
public class ProvidersController {
  // A mapper of its own, not CoracleJson's: this view writes java.time values as ISO text and its
  // camelCase records in snake_case, settings the shared mapper must not take on for everyone.
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

  /** One configured model: whether its provider answers, and where its free tier stands. */
  public record ProviderEntry(String id, Health health, ModelQuota quota) {}

  /** Whether the provider can be reached with its configured key, and why not. */
  public record Health(boolean reachable, String detail) {}

  /**
   * The whole answer.
   *
   * @param localSlot which local model is loaded in the single LLM slot
   * @param savings what the free tiers saved, today and in all, at list prices
   */
  public record ProvidersView(
      String object, List<ProviderEntry> data, SlotState localSlot, Savings savings) {}

  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> providers() throws JsonProcessingException {
    List<ProviderEntry> models = new ArrayList<>();
    for (ModelQuota quota : ledger.snapshot()) {
      models.add(
          new ProviderEntry(
              quota.provider() + "/" + quota.model(), health(quota.provider()), quota));
    }
    ProvidersView body = new ProvidersView("list", models, slot.state(), ledger.savings());
    return HttpResponse.ok(JSON.writeValueAsString(body))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private Health health(String providerName) {
    ConfiguredProvider provider = catalog.find(providerName).orElse(null);
    if (provider == null) {
      return new Health(false, "no longer configured");
    }
    var credentials = provider.credentialProblem();
    if (credentials.isPresent()) {
      return new Health(false, credentials.get());
    }
    ProviderHealth.Check check = health.check(provider);
    return new Health(check.reachable(), check.detail());
  }
}
