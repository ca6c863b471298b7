package dev.coracle.activities.quota;

/**
 * What the catalog says about one model of a free tier.
 *
 * @param limits the model's own limits as shipped, before configured overrides
 * @param contextWindow tokens the model accepts on the free tier, or null when unknown
 * @param maxOutputTokens a per-request cap on the answer, or null when none is known
 * @param price the list price of a comparable paid model, or null when unknown
 */
public record ModelTier(
    String model,
    Limits limits,
    Integer contextWindow,
    Integer maxOutputTokens,
    Price price,
    String notes) {}
