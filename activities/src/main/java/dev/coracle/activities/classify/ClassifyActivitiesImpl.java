package dev.coracle.activities.classify;

import dev.coracle.activities.config.CoracleConfig.ClassifierConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.metrics.CoracleMetrics;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.activities.model.ProviderHealth;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.ClassifyActivities;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The classify activity: rules, then the in-process embedding classifier. It never touches the LLM
 * slot or the network. When both tiers are unsure and a local model is up, it asks the workflow for
 * the local model's vote ({@link Classification#needsVote()}).
 *
 * <p>The classifier is fetched on first use: building it (embedding the exemplars, training the
 * head) takes seconds, which start-up spends in the background while the API already answers.
 */
@Singleton
public class ClassifyActivitiesImpl implements ClassifyActivities {
  /**
   * How long a chat waits for the classifier while it is being built: well inside the classify
   * activity's start-to-close timeout (5 s), so a chat never fails for it.
   */
  static final Duration READY_WAIT = Duration.ofSeconds(2);

  private final ClassifierSupply classifier;
  private final ClassifierConfig config;
  private final ProviderCatalog catalog;
  private final ProviderHealth health;
  private final CoracleMetrics metrics;

  public ClassifyActivitiesImpl(
      ClassifierSupply classifier,
      LoadedConfig loaded,
      ProviderCatalog catalog,
      ProviderHealth health,
      CoracleMetrics metrics) {
    this.classifier = classifier;
    this.config = loaded.config().classifier();
    this.catalog = catalog;
    this.health = health;
    this.metrics = metrics;
  }

  @Override
  public Classification classify(ChatRequest request) {
    long started = System.nanoTime();
    Classification verdict =
        classifier
            .ready(READY_WAIT)
            .map(ready -> ready.classify(request))
            .orElseGet(() -> rulesOnly(request));
    metrics.classified(verdict.tier(), System.nanoTime() - started);
    // An abstained verdict stays fast: an unsure prompt never starts a job, not even by a vote.
    if (verdict.confidence() >= config.voteBelowConfidence()
        || !config.llmVote()
        || JobGate.ABSTAINED.equals(verdict.tier())) {
      return verdict;
    }
    return localModelUp()
        ? new Classification(
            verdict.requestClass(), verdict.confidence(), verdict.tier(), verdict.reason(), true)
        : verdict;
  }

  /**
   * The verdict of the rules alone, for the first seconds after start-up: a strong rule is as sure
   * as ever, anything else is routed as the rules lean, and the reason says why.
   */
  private static Classification rulesOnly(ChatRequest request) {
    Classification rules = RulesClassifier.classify(request.lastUserText());
    return JobGate.check(
        new Classification(
            rules.requestClass(),
            rules.confidence(),
            rules.tier(),
            rules.reason() + " (rules only: the embedding classifier is still being built)"),
        request.lastUserText());
  }

  /** The vote needs the local reasoning model; without it the in-process verdict stands. */
  private boolean localModelUp() {
    return catalog.reasoningModel().isPresent()
        && catalog
            .find(ProviderCatalog.LOCAL_OLLAMA)
            .map(ollama -> health.check(ollama).reachable())
            .orElse(false);
  }
}
