package dev.coracle.activities.route;

import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.CoracleConfig.RoutingConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.model.ConfiguredProvider;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.activities.model.ProviderHealth;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.ModelProfiles;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.job.JobRole;
import dev.coracle.workflows.model.ModelTarget;
import dev.coracle.workflows.model.RoutePlan;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders the models to try. Single-shot answers prefer the local reasoning model (free, private);
 * deep and research requests prefer the bigger cloud models and fall back to the local coder or
 * reasoning model. Providers that cannot serve are left out, and the reason is kept for the 503.
 */
@Singleton
public class Router {
  private final ProviderCatalog catalog;
  private final ProviderHealth health;

  private final RoutingConfig routing;
  private final CoracleConfig.JobRolesConfig jobRoles;
  private final CandidateFilter filter;

  /** A router that does not look at quotas: for tools and tests that only need the order. */
  public Router(ProviderCatalog catalog, ProviderHealth health, LoadedConfig loaded) {
    this(catalog, health, loaded, CandidateFilter.NONE);
  }

  @Inject
  public Router(
      ProviderCatalog catalog, ProviderHealth health, LoadedConfig loaded, CandidateFilter filter) {
    this.catalog = catalog;
    this.health = health;
    this.routing = loaded.config().routing();
    this.jobRoles = loaded.config().jobs() == null ? null : loaded.config().jobs().roles();
    this.filter = filter;
  }

  /**
   * The models to try, best first: the order for the class, then what cannot serve now (quota used
   * up, cooling down after a 429, disabled, context window too small) left out with its reason, and
   * the browser fallback last of all.
   */
  public RoutePlan route(ChatRequest request, Classification classification) {
    RoutePlan ordered = order(request, classification);
    return filter.apply(request, ordered);
  }

  /**
   * The models for one role of a coding job. The plan goes to the cloud first (the bigger models
   * plan better, and a plan is one call); refine, verify and the coder's turns stay local first, so
   * the workspace's files leave the machine only when no local model can serve.
   */
  public RoutePlan routeRole(JobRole role, ChatRequest request) {
    List<String> skipped = new ArrayList<>();
    List<ModelTarget> candidates = new ArrayList<>();
    List<String> configured = configuredOrder(role);
    if (!configured.isEmpty()) {
      configured.forEach(qualified -> addConfigured(qualified, candidates, skipped));
      addBrowser(request, candidates, skipped);
      return filter.apply(request, plan(candidates, skipped));
    }
    String localModel =
        role == JobRole.CODER
            ? catalog.coderModel().orElse(null)
            : catalog.reasoningModel().orElse(null);
    boolean cloudFirst = role == JobRole.PLAN;
    if (!cloudFirst) {
      addLocalOllama(localModel, candidates, skipped);
    }
    addCloud(candidates, skipped);
    if (cloudFirst) {
      addLocalOllama(localModel, candidates, skipped);
    }
    addBrowser(request, candidates, skipped);
    return filter.apply(request, plan(candidates, skipped));
  }

  private List<String> configuredOrder(JobRole role) {
    if (jobRoles == null) {
      return List.of();
    }
    List<String> order =
        switch (role) {
          case REFINE -> jobRoles.refine();
          case PLAN -> jobRoles.plan();
          case CODER -> jobRoles.coder();
          case VERIFY -> jobRoles.verify();
        };
    return order == null ? List.of() : order;
  }

  private void addCloud(List<ModelTarget> candidates, List<String> skipped) {
    for (ConfiguredProvider provider : catalog.all()) {
      if (!ProviderCatalog.LOCAL_OLLAMA.equals(provider.name())
          && !ProviderCatalog.BROWSER.equals(provider.name())
          && usable(provider, skipped)) {
        provider.models().forEach(model -> candidates.add(target(provider, model)));
      }
    }
  }

  private RoutePlan order(ChatRequest request, Classification classification) {
    List<String> skipped = new ArrayList<>();
    if (ModelProfiles.isDirect(request.model())) {
      return direct(request.model(), skipped);
    }
    List<ModelTarget> candidates = new ArrayList<>();
    RequestClass requestClass = classification.requestClass();
    List<String> configured = configuredOrder(requestClass);
    if (!configured.isEmpty()) {
      for (String qualified : configured) {
        addConfigured(qualified, candidates, skipped);
      }
      addBrowser(request, candidates, skipped);
      return plan(candidates, skipped);
    }
    String localModel =
        requestClass == RequestClass.DEEP
            ? catalog.coderModel().orElse(null)
            : catalog.reasoningModel().orElse(null);
    boolean cloudFirst = requestClass == RequestClass.DEEP || requestClass == RequestClass.RESEARCH;
    if (!cloudFirst) {
      addLocalOllama(localModel, candidates, skipped);
    }
    addCloud(candidates, skipped);
    if (cloudFirst) {
      addLocalOllama(localModel, candidates, skipped);
    }
    addBrowser(request, candidates, skipped);
    return plan(candidates, skipped);
  }

  /** The user's order for a class, if the config gives one; status falls under fast. */
  private List<String> configuredOrder(RequestClass requestClass) {
    List<String> order =
        switch (requestClass) {
          case DEEP -> routing.deep();
          case RESEARCH -> routing.research();
          case FAST, STATUS -> routing.fast();
        };
    return order == null ? List.of() : order;
  }

  private void addConfigured(String qualified, List<ModelTarget> candidates, List<String> skipped) {
    int slash = qualified.indexOf('/');
    catalog
        .find(qualified.substring(0, slash))
        .filter(provider -> usable(provider, skipped))
        .ifPresent(provider -> candidates.add(target(provider, qualified.substring(slash + 1))));
  }

  private RoutePlan direct(String qualified, List<String> skipped) {
    int slash = qualified.indexOf('/');
    String providerName = qualified.substring(0, slash);
    String model = qualified.substring(slash + 1);
    ConfiguredProvider provider = catalog.find(providerName).orElse(null);
    if (provider == null || !provider.models().contains(model)) {
      return new RoutePlan(List.of(), "model " + qualified + " is not configured");
    }
    List<ModelTarget> candidates = new ArrayList<>();
    if (usable(provider, skipped)) {
      candidates.add(target(provider, model));
    }
    return plan(candidates, skipped);
  }

  /** The headless-browser sites come last, after every API and the local model. */
  private void addBrowser(ChatRequest request, List<ModelTarget> candidates, List<String> skipped) {
    // A chat web UI answers in prose: it cannot return tool calls or follow a response format.
    boolean needsApi =
        request.agentMode()
            || (request.params() != null && request.params().responseFormat() != null);
    if (needsApi) {
      return;
    }
    catalog
        .find(ProviderCatalog.BROWSER)
        .filter(browser -> usable(browser, skipped))
        .ifPresent(
            browser -> browser.models().forEach(site -> candidates.add(target(browser, site))));
  }

  private void addLocalOllama(String model, List<ModelTarget> candidates, List<String> skipped) {
    if (model == null) {
      return;
    }
    catalog
        .find(ProviderCatalog.LOCAL_OLLAMA)
        .filter(ollama -> usable(ollama, skipped))
        .ifPresent(ollama -> candidates.add(target(ollama, model)));
  }

  private boolean usable(ConfiguredProvider provider, List<String> skipped) {
    var credentials = provider.credentialProblem();
    if (credentials.isPresent()) {
      skipped.add(provider.name() + ": " + credentials.get());
      return false;
    }
    ProviderHealth.Check check = health.check(provider);
    if (!check.reachable()) {
      skipped.add(provider.name() + ": " + check.detail());
      return false;
    }
    return true;
  }

  private static ModelTarget target(ConfiguredProvider provider, String model) {
    return new ModelTarget(
        provider.name(),
        model,
        provider.local(),
        (int) provider.endpoint().timeout().toSeconds(),
        (int) provider.endpoint().totalTimeout().toSeconds());
  }

  private static RoutePlan plan(List<ModelTarget> candidates, List<String> skipped) {
    if (!candidates.isEmpty()) {
      return new RoutePlan(List.copyOf(candidates), null, List.copyOf(skipped));
    }
    String why =
        skipped.isEmpty()
            ? "no model provider is configured: start Ollama or add a provider to coracle.yml"
            : "no provider can serve this request: " + String.join("; ", skipped);
    return new RoutePlan(List.of(), why);
  }
}
