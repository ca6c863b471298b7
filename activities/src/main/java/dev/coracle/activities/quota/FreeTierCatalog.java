package dev.coracle.activities.quota;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.CoracleConfig.LimitsConfig;
import dev.coracle.activities.config.CoracleConfig.OllamaConfig;
import dev.coracle.activities.config.CoracleConfig.ProviderConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.model.ProviderCatalog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped free-tier catalog with the limits configured in {@code coracle.yml} merged over it.
 *
 * <p>A provider uses the catalog entry its {@code catalog} setting names, or the one with its own
 * name. Its configured {@code limits} override the entry per model; the key {@code *} applies to
 * every model, or to the shared pool when the entry has one (OpenRouter's free models). A model's
 * own key beats {@code *}. A null field keeps the catalog's value and 0 removes the limit.
 *
 * <p>A provider without a {@code catalog} setting whose name is not an entry uses the entry with
 * the same base-URL host and port, so a Gemini provider named {@code google} still resets at
 * midnight Pacific time.
 */
@Singleton
public class FreeTierCatalog {
  /** The catalog entry, and the provider kind, of Google's Gemini API. */
  private static final String GEMINI = "gemini";

  /** The local Ollama's provider name, which the configuration does not list. */
  static final String LOCAL_OLLAMA = ProviderCatalog.LOCAL_OLLAMA;

  private static final Logger log = LoggerFactory.getLogger(FreeTierCatalog.class);

  private static final String ALL_MODELS = "*";

  private final Map<String, FreeTier> entries;
  private final Map<String, Configured> configured;

  /** A provider as configured: the catalog entry it uses, its overrides and its models. */
  private record Configured(
      FreeTier tier, Map<String, LimitsConfig> overrides, List<String> models) {}

  @Inject
  public FreeTierCatalog(LoadedConfig loaded) {
    this(CatalogFile.shipped(), loaded.config());
  }

  FreeTierCatalog(Map<String, FreeTier> entries, CoracleConfig config) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    Map<String, Configured> byName = new LinkedHashMap<>();
    OllamaConfig ollama = config == null ? null : config.local().ollama();
    if (ollama != null && ollama.enabled()) {
      List<String> models =
          List.copyOf(new LinkedHashSet<>(List.of(ollama.reasoningModel(), ollama.coderModel())));
      byName.put(LOCAL_OLLAMA, new Configured(entryOrUnknown(LOCAL_OLLAMA), Map.of(), models));
    }
    List<ProviderConfig> providers = config == null ? List.of() : config.providers();
    for (ProviderConfig provider : providers) {
      Map<String, LimitsConfig> overrides =
          provider.limits() == null ? Map.of() : Map.copyOf(provider.limits());
      List<String> models = provider.models() == null ? List.of() : List.copyOf(provider.models());
      checkOverrides(provider.name(), overrides, models);
      byName.put(provider.name(), new Configured(entryFor(provider), overrides, models));
    }
    this.configured = Collections.unmodifiableMap(byName);
  }

  /** The shipped catalog without any configuration, as documented in docs/providers.md. */
  public static FreeTierCatalog shipped() {
    return new FreeTierCatalog(CatalogFile.shipped(), null);
  }

  /** The shipped entries by name, in file order, without configured overrides. */
  public Map<String, FreeTier> entries() {
    return entries;
  }

  /**
   * The catalog entry a provider uses: the one its configuration selects, else the one with its
   * name; an unknown provider gets an entry without limits or prices.
   */
  public FreeTier tierOf(String provider) {
    Configured found = configured.get(provider);
    return found != null ? found.tier() : entryOrUnknown(provider);
  }

  /** The configured providers (the local Ollama first) and their models, in config order. */
  public Map<String, List<String>> configuredModels() {
    Map<String, List<String>> models = new LinkedHashMap<>();
    configured.forEach((name, provider) -> models.put(name, provider.models()));
    return models;
  }

  /** The zone whose clock a provider's windows follow. */
  public ZoneId resetZone(String provider) {
    return tierOf(provider).resetZone();
  }

  /** True when the provider's models share one pool of requests. */
  public boolean sharesLimits(String provider) {
    return tierOf(provider).shared();
  }

  /** The limits of one model on its own, with configured overrides applied. */
  public Limits limits(String provider, String model) {
    FreeTier tier = tierOf(provider);
    Map<String, LimitsConfig> overrides = overrides(provider);
    Limits limits = tier.model(model).limits();
    if (!tier.shared()) {
      limits = limits.with(overrides.get(ALL_MODELS));
    }
    return limits.with(overrides.get(model));
  }

  /**
   * The limits all of a provider's models count against together, with configured overrides
   * applied; {@link Limits#NONE} for a provider without a shared pool.
   */
  public Limits sharedLimits(String provider) {
    FreeTier tier = tierOf(provider);
    return tier.shared()
        ? tier.sharedLimits().with(overrides(provider).get(ALL_MODELS))
        : Limits.NONE;
  }

  /** The list price a model's tokens are valued at, when the catalog has one. */
  public Optional<Price> price(String provider, String model) {
    return Optional.ofNullable(tierOf(provider).model(model).price());
  }

  /** The tokens a model accepts on its free tier, when the catalog knows. */
  public Optional<Integer> contextWindow(String provider, String model) {
    return Optional.ofNullable(tierOf(provider).model(model).contextWindow());
  }

  /** The entries whose numbers still need checking against the providers' pages. */
  public List<String> unverified() {
    List<String> names = new ArrayList<>();
    entries.values().stream().filter(FreeTier::verify).forEach(tier -> names.add(tier.name()));
    return names;
  }

  /** The entry a configured provider uses; see the class comment. */
  private FreeTier entryFor(ProviderConfig provider) {
    boolean named = provider.catalog() != null && !provider.catalog().isBlank();
    FreeTier entry = entries.get(provider.catalogName());
    if (entry != null) {
      return entry;
    }
    if (named) {
      throw new ConfigException(
          "providers["
              + provider.name()
              + "].catalog: '"
              + provider.catalog()
              + "' is not in the free-tier catalog; known: "
              + entries.keySet());
    }
    String authority = authority(provider.baseUrl());
    if (authority != null) {
      for (FreeTier candidate : entries.values()) {
        if (authority.equals(authority(candidate.baseUrl()))) {
          return candidate;
        }
      }
    }
    FreeTier unknown = FreeTier.unknown(provider.name());
    FreeTier gemini = entries.get(GEMINI);
    if (GEMINI.equals(provider.kind()) && gemini != null) {
      // Gemini's quotas reset at its own midnight however it is reached (a proxy, a regional
      // endpoint): an unlisted Gemini keeps no limits but follows that clock.
      return unknown.withResetZone(gemini.resetZone());
    }
    return unknown;
  }

  private static String authority(String url) {
    try {
      URI uri = URI.create(Objects.requireNonNullElse(url, ""));
      return uri.getHost() == null ? null : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Fails start-up on a negative limit, and warns of limits for models not configured. */
  private static void checkOverrides(
      String provider, Map<String, LimitsConfig> overrides, List<String> models) {
    overrides.forEach(
        (model, limits) -> {
          try {
            Limits.NONE.with(limits);
          } catch (IllegalArgumentException e) {
            throw new ConfigException(
                "providers[" + provider + "].limits[" + model + "]: " + e.getMessage(), e);
          }
          if (!ALL_MODELS.equals(model) && !models.contains(model)) {
            log.warn(
                "providers[{}].limits names model '{}', which is not in its models {}",
                provider,
                model,
                models);
          }
        });
  }

  private Map<String, LimitsConfig> overrides(String provider) {
    Configured found = configured.get(provider);
    return found == null ? Map.of() : found.overrides();
  }

  private FreeTier entryOrUnknown(String name) {
    FreeTier entry = entries.get(name);
    return entry != null ? entry : FreeTier.unknown(name);
  }
}
