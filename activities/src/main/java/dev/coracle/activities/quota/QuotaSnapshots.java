package dev.coracle.activities.quota;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds the per-model view of the ledger from its rows; it reads and writes nothing. */
final class QuotaSnapshots {

  private QuotaSnapshots() {}

  static List<ModelQuota> build(FreeTierCatalog catalog, QuotaStore.Rows rows, Instant now) {
    List<ModelQuota> quotas = new ArrayList<>();
    for (Map.Entry<String, List<String>> provider : catalog.configuredModels().entrySet()) {
      for (String model : provider.getValue()) {
        Target target = Target.of(catalog, provider.getKey(), model).cappedBy(rows.learned());
        quotas.add(model(catalog, target, rows, now));
      }
    }
    return quotas;
  }

  /**
   * The configured models that are disabled or cooling down at {@code now}, in configuration order,
   * judged as {@link #build} judges them, from their states alone.
   */
  static List<RestingModel> resting(
      FreeTierCatalog catalog, List<ProviderState> allStates, Instant now) {
    List<RestingModel> resting = new ArrayList<>();
    for (Map.Entry<String, List<String>> provider : catalog.configuredModels().entrySet()) {
      for (String model : provider.getValue()) {
        List<ProviderState> states =
            states(Target.of(catalog, provider.getKey(), model), allStates);
        ProviderState whole = find(states, QuotaStore.ALL);
        ProviderState cooling = cooling(states, now);
        boolean disabled = whole != null && whole.disabled();
        if (disabled || cooling != null) {
          resting.add(
              new RestingModel(
                  provider.getKey(),
                  model,
                  disabled,
                  disabled ? whole.disabledReason() : null,
                  cooling == null ? null : Instant.ofEpochMilli(cooling.cooldownUntil()),
                  cooling == null ? null : cooling.cooldownReason()));
        }
      }
    }
    return resting;
  }

  private static ModelQuota model(
      FreeTierCatalog catalog, Target target, QuotaStore.Rows rows, Instant now) {
    List<QuotaUsage> current = current(target, rows.recent(), now);
    List<ProviderState> states = states(target, rows.states());
    Refusal refusal = QuotaRules.evaluate(target, now, current, states, 0);
    List<WindowQuota> windows = new ArrayList<>(windows(target, target.model(), current, now));
    if (target.shared()) {
      windows.addAll(windows(target, QuotaStore.ALL, current, now));
    }
    ProviderState cooling = cooling(states, now);
    ProviderState whole = find(states, QuotaStore.ALL);
    ProviderState own = find(states, target.model());
    ProviderState upstream = find(states, target.upstreamRow());
    QuotaUsage today = QuotaRules.find(current, target.model(), WindowKind.DAY);
    UsageTotals totals = totals(target, rows.totals());
    Price price = catalog.price(target.provider(), target.model()).orElse(null);
    Savings savings =
        price == null
            ? Savings.NONE
            : new Savings(
                today == null ? 0 : price.cost(today.promptTokens(), today.completionTokens()),
                totals == null ? 0 : price.cost(totals.promptTokens(), totals.completionTokens()));
    FreeTier tier = catalog.tierOf(target.provider());
    return new ModelQuota(
        target.provider(),
        target.model(),
        tier.name(),
        tier.local(),
        windows,
        refusal == null ? null : refusal.reason(),
        refusal == null ? null : refusal.retryAt(),
        cooling == null ? null : Instant.ofEpochMilli(cooling.cooldownUntil()),
        cooling == null ? null : cooling.cooldownReason(),
        whole != null && whole.disabled(),
        whole == null ? null : whole.disabledReason(),
        own == null ? null : own.lastError(),
        own == null || own.lastErrorAt() == null ? null : Instant.ofEpochMilli(own.lastErrorAt()),
        learned(target, upstream),
        learnedLimits(target, rows.learned()),
        today == null ? 0 : today.requests(),
        today == null ? 0 : today.tokens(),
        totals == null ? 0 : totals.requests(),
        totals == null ? 0 : totals.promptTokens(),
        totals == null ? 0 : totals.completionTokens(),
        price,
        savings,
        catalog.contextWindow(target.provider(), target.model()).orElse(null));
  }

  /** The rows of the windows that hold {@code now}, of the model and its pool. */
  private static List<QuotaUsage> current(Target target, List<QuotaUsage> recent, Instant now) {
    List<QuotaUsage> current = new ArrayList<>();
    for (QuotaUsage row : recent) {
      boolean mine =
          row.provider().equals(target.provider())
              && (row.model().equals(target.model()) || row.model().equals(target.pool()));
      if (mine) {
        for (WindowKind window : WindowKind.values()) {
          if (row.windowKind().equals(window.column())
              && row.windowStart() == window.start(now, target.zone()).toEpochMilli()) {
            current.add(row);
          }
        }
      }
    }
    return current;
  }

  private static List<WindowQuota> windows(
      Target target, String rowModel, List<QuotaUsage> current, Instant now) {
    boolean shared = QuotaStore.ALL.equals(rowModel);
    Limits limits = shared ? target.poolLimits() : target.limits();
    List<WindowQuota> windows = new ArrayList<>();
    for (WindowKind window : WindowKind.values()) {
      QuotaUsage row = QuotaRules.find(current, rowModel, window);
      windows.add(
          WindowQuota.of(
              window,
              shared,
              window.start(now, target.zone()),
              window.end(now, target.zone()),
              limits,
              row == null ? 0 : row.requests(),
              row == null ? 0 : row.tokens()));
    }
    return windows;
  }

  private static List<ProviderState> states(Target target, List<ProviderState> all) {
    return all.stream()
        .filter(state -> state.provider().equals(target.provider()))
        .filter(
            state ->
                state.model().equals(QuotaStore.ALL)
                    || state.model().equals(target.model())
                    || state.model().equals(target.pool()))
        .toList();
  }

  /** The state whose cooldown holds longest, or null when none holds now. */
  private static ProviderState cooling(List<ProviderState> states, Instant now) {
    ProviderState longest = null;
    for (ProviderState state : states) {
      Long until = state.cooldownUntil();
      if (until != null
          && until > now.toEpochMilli()
          && (longest == null || until > longest.cooldownUntil())) {
        longest = state;
      }
    }
    return longest;
  }

  private static LearnedLimits learned(Target target, ProviderState state) {
    if (state == null || state.learnedAt() == null) {
      return null;
    }
    return new LearnedLimits(
        state.limitRequests(),
        state.remainingRequests(),
        instant(state.requestsResetAt()),
        state.limitTokens(),
        state.remainingTokens(),
        instant(state.tokensResetAt()),
        Instant.ofEpochMilli(state.learnedAt()),
        target.shared());
  }

  /** The limits the upstream reported for the row its reports are kept under, shortest first. */
  private static List<LearnedLimit> learnedLimits(Target target, List<LearnedLimitRow> learned) {
    return learned.stream()
        .filter(row -> row.provider().equals(target.provider()))
        .filter(row -> row.model().equals(target.upstreamRow()))
        .map(LearnedLimit::of)
        .sorted(Comparator.comparing(LearnedLimit::window).thenComparing(LearnedLimit::unit))
        .toList();
  }

  private static ProviderState find(List<ProviderState> states, String model) {
    return states.stream().filter(s -> s.model().equals(model)).findFirst().orElse(null);
  }

  private static UsageTotals totals(Target target, List<UsageTotals> totals) {
    return totals.stream()
        .filter(t -> t.provider().equals(target.provider()) && t.model().equals(target.model()))
        .findFirst()
        .orElse(null);
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
