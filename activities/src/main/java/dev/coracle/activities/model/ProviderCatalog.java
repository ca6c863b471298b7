package dev.coracle.activities.model;

import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.CoracleConfig.OllamaConfig;
import dev.coracle.activities.config.CoracleConfig.ProviderConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.providers.ProviderEndpoint;
import dev.coracle.activities.providers.ProviderKind;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Every provider coracle may call, built once from the configuration: the local Ollama (named
 * {@code ollama}) first, then the configured providers in file order.
 */
@Singleton
public class ProviderCatalog {
  public static final String LOCAL_OLLAMA = "ollama";
  public static final String BROWSER = "browser";

  private final List<ConfiguredProvider> providers;
  private final OllamaConfig ollama;

  public ProviderCatalog(LoadedConfig loaded) {
    CoracleConfig config = loaded.config();
    this.ollama = config.local().ollama();
    List<ConfiguredProvider> all = new ArrayList<>();
    if (ollama.enabled()) {
      all.add(localOllama(ollama));
    }
    for (ProviderConfig provider : config.providers()) {
      all.add(configured(provider, loaded.unsetApiKeyVariable(provider.name())));
    }
    browser(config).ifPresent(all::add);
    this.providers = List.copyOf(all);
  }

  public List<ConfiguredProvider> all() {
    return providers;
  }

  public Optional<ConfiguredProvider> find(String name) {
    return providers.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The local model for single-shot answers, when local Ollama is enabled. */
  public Optional<String> reasoningModel() {
    return ollama.enabled() ? Optional.of(ollama.reasoningModel()) : Optional.empty();
  }

  /** The local model for coding work, when local Ollama is enabled. */
  public Optional<String> coderModel() {
    return ollama.enabled() ? Optional.of(ollama.coderModel()) : Optional.empty();
  }

  /** True when {@code provider/model} names a configured model. */
  public boolean knowsModel(String provider, String model) {
    return find(provider).map(p -> p.models().contains(model)).orElse(false);
  }

  private static ConfiguredProvider localOllama(OllamaConfig ollama) {
    ProviderEndpoint endpoint =
        new ProviderEndpoint(
            LOCAL_OLLAMA,
            ProviderKind.OLLAMA,
            ollama.baseUrl(),
            "",
            Duration.ofSeconds(ollama.idleSeconds()),
            KeepAlive.parse(ollama.keepAlive()),
            totalTimeout(ollama.totalTimeoutSeconds()));
    List<String> models =
        List.copyOf(new LinkedHashSet<>(List.of(ollama.reasoningModel(), ollama.coderModel())));
    return new ConfiguredProvider(endpoint, models, true, null);
  }

  /**
   * The browser fallback as one provider whose models are the enabled sites, e.g. {@code
   * browser/claude}; present only when the fallback and at least one site are on.
   */
  private static Optional<ConfiguredProvider> browser(CoracleConfig config) {
    var browser = config.browser();
    if (browser == null || !browser.enabled()) {
      return Optional.empty();
    }
    List<String> sites =
        browser.sites().stream().filter(site -> site.enabled()).map(site -> site.name()).toList();
    if (sites.isEmpty()) {
      return Optional.empty();
    }
    ProviderEndpoint endpoint =
        new ProviderEndpoint(
            BROWSER,
            ProviderKind.BROWSER,
            "browser",
            "",
            Duration.ofSeconds(browser.timeoutSeconds()));
    return Optional.of(new ConfiguredProvider(endpoint, sites, false, null));
  }

  /** Null keeps {@link ProviderEndpoint#DEFAULT_TOTAL_TIMEOUT}. */
  private static Duration totalTimeout(Integer seconds) {
    return seconds == null ? null : Duration.ofSeconds(seconds);
  }

  private static ConfiguredProvider configured(ProviderConfig provider, String missingKey) {
    ProviderEndpoint endpoint =
        new ProviderEndpoint(
            provider.name(),
            ProviderKind.fromConfig(provider.kind()),
            provider.baseUrl(),
            provider.apiKey() == null ? "" : provider.apiKey(),
            Duration.ofSeconds(provider.idleSeconds()),
            null,
            totalTimeout(provider.totalTimeoutSeconds()));
    return new ConfiguredProvider(
        endpoint, List.copyOf(provider.models()), provider.runsLocally(), missingKey);
  }
}
