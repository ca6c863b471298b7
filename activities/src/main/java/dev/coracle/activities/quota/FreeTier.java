package dev.coracle.activities.quota;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One provider's entry in the shipped free-tier catalog, before configured overrides.
 *
 * @param name the entry's key, which a provider's {@code catalog} setting (or its name) selects
 * @param kind the {@code kind} to configure: {@code openai-compatible} or {@code ollama}
 * @param apiKeyEnv the environment variable the key conventionally comes from; null for local
 *     servers
 * @param resetZone the zone whose clock the windows follow; daily windows start at its midnight
 * @param checked the date the numbers are believed to be from
 * @param verify true while the numbers were not checked against the provider's live page
 * @param sharedLimits limits on all of the provider's models together (one pool per account), or
 *     {@link Limits#NONE}
 * @param defaultLimits limits of each model the entry does not list
 * @param defaultPrice the price of models the entry does not list, or null
 * @param models the models the entry lists, by the name the provider uses
 */
public record FreeTier(
    String name,
    String title,
    String kind,
    String baseUrl,
    String apiKeyEnv,
    boolean local,
    ZoneId resetZone,
    String checked,
    boolean verify,
    String docs,
    String notes,
    Limits sharedLimits,
    Limits defaultLimits,
    Price defaultPrice,
    Map<String, ModelTier> models) {

  public FreeTier {
    models = Map.copyOf(models);
  }

  /** True when the provider counts all its models against one pool, like OpenRouter. */
  public boolean shared() {
    return !sharedLimits.unlimited();
  }

  /** The entry's listed model, or one with the entry's defaults. */
  public ModelTier model(String model) {
    ModelTier listed = models.get(model);
    return listed != null
        ? listed
        : new ModelTier(model, defaultLimits, null, null, defaultPrice, null);
  }

  /** This entry with its windows on another zone's clock. */
  FreeTier withResetZone(ZoneId zone) {
    return new FreeTier(
        name,
        title,
        kind,
        baseUrl,
        apiKeyEnv,
        local,
        zone,
        checked,
        verify,
        docs,
        notes,
        sharedLimits,
        defaultLimits,
        defaultPrice,
        models);
  }

  /** What coracle assumes of a provider the catalog does not know: no limits, no price, UTC. */
  static FreeTier unknown(String name) {
    return new FreeTier(
        name,
        name,
        null,
        null,
        null,
        false,
        ZoneOffset.UTC,
        null,
        false,
        null,
        "not in coracle's free-tier catalog: no limits are known",
        Limits.NONE,
        Limits.NONE,
        null,
        Map.of());
  }
}
