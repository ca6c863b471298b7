package dev.coracle.activities.route;

import dev.coracle.activities.model.TokenEstimate;
import dev.coracle.activities.quota.Admission;
import dev.coracle.activities.quota.FreeTierCatalog;
import dev.coracle.activities.quota.QuotaLedger;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.model.ModelTarget;
import dev.coracle.workflows.model.RoutePlan;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaves out the candidates that cannot serve this request now: a context window smaller than the
 * prompt, a used-up free-tier window, a cooldown after a 429, a provider disabled after 401/403.
 * Nothing is counted here; the model activity reserves quota when it really calls.
 */
@Singleton
public class CandidateFilter {
  /** Passes every candidate: for routers that do not track quotas. */
  public static final CandidateFilter NONE = new CandidateFilter(null, null);

  private final QuotaLedger ledger;
  private final FreeTierCatalog tiers;

  public CandidateFilter(QuotaLedger ledger, FreeTierCatalog tiers) {
    this.ledger = ledger;
    this.tiers = tiers;
  }

  public RoutePlan apply(ChatRequest request, RoutePlan plan) {
    if (ledger == null || plan.candidates().isEmpty()) {
      return plan;
    }
    int prompt = TokenEstimate.prompt(request.messages(), request.tools());
    int total = TokenEstimate.total(request.messages(), request.tools(), request.params());
    List<ModelTarget> kept = new ArrayList<>();
    List<String> skipped = new ArrayList<>(plan.skippedOrEmpty());
    for (ModelTarget target : plan.candidates()) {
      String refusal = refusal(target, prompt, total);
      if (refusal == null) {
        kept.add(target);
      } else {
        skipped.add(refusal);
      }
    }
    if (kept.isEmpty()) {
      return new RoutePlan(
          List.of(),
          "no provider can serve this request now: " + String.join("; ", skipped),
          List.copyOf(skipped));
    }
    return new RoutePlan(List.copyOf(kept), null, List.copyOf(skipped));
  }

  private String refusal(ModelTarget target, int prompt, int total) {
    Integer window = tiers.contextWindow(target.provider(), target.model()).orElse(null);
    if (window != null && prompt > window) {
      return target.qualifiedName()
          + ": the prompt (~"
          + prompt
          + " tokens) does not fit its context window of "
          + window;
    }
    Admission admission = ledger.check(target.provider(), target.model(), total);
    return admission.admitted() ? null : admission.reason();
  }
}
