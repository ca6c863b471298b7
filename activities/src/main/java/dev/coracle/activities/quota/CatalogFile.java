package dev.coracle.activities.quota;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shape of {@code free-tiers.yml} and its conversion to {@link FreeTier} entries. */
record CatalogFile(
    String checked, Map<String, PriceEntry> prices, Map<String, ProviderEntry> providers) {

  static final String RESOURCE = "free-tiers.yml";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  record PriceEntry(double input, double output, String note) {}

  record ProviderEntry(
      String title,
      String kind,
      String baseUrl,
      String apiKeyEnv,
      boolean local,
      String resetZone,
      String checked,
      Boolean verify,
      String docs,
      String notes,
      Limits sharedLimits,
      Limits defaultLimits,
      String defaultPrice,
      Map<String, ModelEntry> models) {}

  record ModelEntry(
      Limits limits, Integer contextWindow, Integer maxOutputTokens, String price, String notes) {}

  /** Reads the catalog shipped in the jar. */
  static Map<String, FreeTier> shipped() {
    try (InputStream in = CatalogFile.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the free-tier catalog " + RESOURCE + " is missing");
      }
      return YAML.readValue(in, CatalogFile.class).entries();
    } catch (IOException e) {
      throw new UncheckedIOException("the free-tier catalog " + RESOURCE + " is unreadable", e);
    }
  }

  /** The entries by name, in file order; a price a model names must be in the price table. */
  Map<String, FreeTier> entries() {
    Map<String, FreeTier> entries = new LinkedHashMap<>();
    providers.forEach((name, entry) -> entries.put(name, tier(name, entry)));
    return entries;
  }

  private FreeTier tier(String name, ProviderEntry entry) {
    Map<String, ModelTier> models = new LinkedHashMap<>();
    if (entry.models() != null) {
      entry
          .models()
          .forEach(
              (model, m) ->
                  models.put(
                      model,
                      new ModelTier(
                          model,
                          orNone(m.limits() != null ? m.limits() : entry.defaultLimits()),
                          m.contextWindow(),
                          m.maxOutputTokens(),
                          price(name, m.price() != null ? m.price() : entry.defaultPrice()),
                          m.notes())));
    }
    return new FreeTier(
        name,
        entry.title() != null ? entry.title() : name,
        entry.kind(),
        entry.baseUrl(),
        entry.apiKeyEnv(),
        entry.local(),
        zone(name, entry.resetZone()),
        entry.checked() != null ? entry.checked() : checked,
        entry.verify() == null || entry.verify(),
        entry.docs(),
        entry.notes(),
        orNone(entry.sharedLimits()),
        orNone(entry.defaultLimits()),
        price(name, entry.defaultPrice()),
        models);
  }

  private Price price(String provider, String name) {
    if (name == null) {
      return null;
    }
    PriceEntry entry = prices == null ? null : prices.get(name);
    if (entry == null) {
      throw new IllegalStateException(
          RESOURCE + ": provider " + provider + " names price '" + name + "', which is not listed");
    }
    return new Price(name, entry.input(), entry.output(), entry.note());
  }

  private static ZoneId zone(String provider, String zone) {
    if (zone == null || zone.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalStateException(
          RESOURCE + ": provider " + provider + " has an unknown reset-zone '" + zone + "'", e);
    }
  }

  private static Limits orNone(Limits limits) {
    return limits == null ? Limits.NONE : limits;
  }
}
