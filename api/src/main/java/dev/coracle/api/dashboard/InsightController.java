package dev.coracle.api.dashboard;

import dev.coracle.activities.cache.CacheCounts;
import dev.coracle.activities.local.LocalModelSlot;
import dev.coracle.activities.model.ConfiguredProvider;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.activities.model.ProviderHealth;
import dev.coracle.activities.quota.ModelQuota;
import dev.coracle.activities.quota.Price;
import dev.coracle.activities.quota.QuotaLedger;
import dev.coracle.api.openai.OpenAiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's other pages: recent requests, one workflow's Temporal history, providers and
 * savings; and the provider switch the JSON API has only one half of ({@code enable}).
 */
@Controller("/dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InsightController {
  /** How many requests the list shows. */
  static final int REQUESTS_SHOWN = 50;

  private static final long DAY_MILLIS = 86_400_000L;

  private final RecentRequests requests;
  private final WorkflowHistories histories;
  private final DashboardQueries queries;
  private final QuotaLedger ledger;
  private final ProviderCatalog catalog;
  private final ProviderHealth health;
  private final LocalModelSlot slot;
  private final Clock clock;
  private final CacheCounts cacheCounts;

  InsightController(
      RecentRequests requests,
      WorkflowHistories histories,
      DashboardQueries queries,
      QuotaLedger ledger,
      ProviderCatalog catalog,
      ProviderHealth health,
      LocalModelSlot slot,
      Clock clock,
      CacheCounts cacheCounts) {
    this.requests = requests;
    this.histories = histories;
    this.queries = queries;
    this.ledger = ledger;
    this.catalog = catalog;
    this.health = health;
    this.slot = slot;
    this.clock = clock;
    this.cacheCounts = cacheCounts;
  }

  @Get(uri = "/requests", produces = "text/html")
  public HttpResponse<String> requests() {
    return HtmlResponses.ok(RequestsPage.render(requests.recent(REQUESTS_SHOWN)));
  }

  @Get(uri = "/history/{id}", produces = "text/html")
  public HttpResponse<String> history(@PathVariable String id) {
    return HtmlResponses.ok(HistoryPage.render(histories.history(id), histories.uiLink(id)));
  }

  @Get(uri = "/providers", produces = "text/html")
  public HttpResponse<String> providers() {
    List<ProvidersPage.Entry> entries = new ArrayList<>();
    for (ModelQuota quota : ledger.snapshot()) {
      ConfiguredProvider provider = catalog.find(quota.provider()).orElse(null);
      if (provider == null) {
        entries.add(new ProvidersPage.Entry(quota, false, "no longer configured"));
      } else if (provider.credentialProblem().isPresent()) {
        entries.add(new ProvidersPage.Entry(quota, false, provider.credentialProblem().get()));
      } else {
        ProviderHealth.Check check = health.check(provider);
        entries.add(new ProvidersPage.Entry(quota, check.reachable(), check.detail()));
      }
    }
    ProvidersPage.InFlight inFlight =
        new ProvidersPage.InFlight(
            histories.running(RecentRequests.CHAT_WORKFLOW), histories.running("JobWorkflow"));
    return HtmlResponses.ok(ProvidersPage.render(entries, slot.state(), inFlight, clock.instant()));
  }

  @Get(uri = "/savings", produces = "text/html")
  public HttpResponse<String> savings() {
    long today = clock.millis() / DAY_MILLIS;
    long since = today - SavingsPage.DAYS + 1;
    Map<String, Price> prices = new HashMap<>();
    for (ModelQuota quota : ledger.snapshot()) {
      if (quota.price() != null) {
        prices.put(quota.provider() + "/" + quota.model(), quota.price());
      }
    }
    // A lookup's counts reach the per-day table within a second; the chart shows every one so far.
    cacheCounts.awaitWritten();
    return HtmlResponses.ok(
        SavingsPage.render(today, queries.tokensPerDay(since), prices, queries.cachePerDay(since)));
  }

  /**
   * Stops routing to a provider until it is enabled again ({@code POST
   * /api/providers/{name}/enable}); persisted like a disable after a 401.
   */
  @Post("/providers/{name}/disable")
  public Map<String, Object> disable(@PathVariable String name) {
    if (catalog.find(name).isEmpty()) {
      throw new OpenAiException(
          404, "invalid_request_error", "name", "not_found", "No provider named '" + name + "'");
    }
    ledger.disable(name, "disabled from the dashboard");
    return Map.of("provider", name, "enabled", false);
  }
}
