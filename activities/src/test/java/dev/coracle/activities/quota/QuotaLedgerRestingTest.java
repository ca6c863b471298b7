package dev.coracle.activities.quota;

import static dev.coracle.activities.quota.QuotaLedgerUpstreamTest.scoped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.coracle.activities.providers.RateLimitInfo.Scope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a status answer reads about providers: only the models that take no calls now. */
class QuotaLedgerRestingTest extends LedgerTestBase {

  @Test
  void nothing_rests_before_any_429_or_refused_key() {
    start(TestQuota.PROVIDERS);

    admitAll("groq", QuotaLedgerTest.GROQ_70B, 3, 100);

    assertThat(ledger.resting()).isEmpty();
  }

  @Test
  void a_shared_pool_cooldown_rests_every_model_of_the_provider_as_the_snapshot_says() {
    start(TestQuota.PROVIDERS);

    Instant until =
        ledger.rateLimited("openrouter", "deepseek/deepseek-r1:free", scoped(Scope.MINUTE));

    List<RestingModel> resting = ledger.resting();
    assertThat(resting)
        .extracting(RestingModel::provider, RestingModel::cooldownUntil, RestingModel::disabled)
        .isNotEmpty()
        .containsOnly(tuple("openrouter", until, false));
    assertThat(resting)
        .extracting(RestingModel::model)
        .containsExactlyElementsOf(
            ledger.snapshot().stream()
                .filter(quota -> quota.cooldownUntil() != null)
                .map(ModelQuota::model)
                .toList());
  }

  @Test
  void a_refused_key_rests_the_provider_until_enabled_and_a_passed_cooldown_does_not() {
    start(TestQuota.PROVIDERS);
    Instant until = ledger.rateLimited("gemini", "gemini-2.5-flash", scoped(Scope.MINUTE));
    ledger.disable("groq", "HTTP 401 unauthorized: Invalid API Key");

    assertThat(ledger.resting())
        .filteredOn(model -> model.provider().equals("groq"))
        .isNotEmpty()
        .allSatisfy(
            model -> {
              assertThat(model.disabled()).isTrue();
              assertThat(model.disabledReason())
                  .isEqualTo("HTTP 401 unauthorized: Invalid API Key");
            });
    assertThat(ledger.resting())
        .filteredOn(model -> model.provider().equals("gemini"))
        .extracting(RestingModel::model, RestingModel::cooldownUntil)
        .containsExactly(tuple("gemini-2.5-flash", until));

    clock.set(until);
    ledger.enable("groq");

    assertThat(ledger.resting()).isEmpty();
  }
}
