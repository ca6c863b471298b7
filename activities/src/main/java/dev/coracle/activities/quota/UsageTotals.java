package dev.coracle.activities.quota;

import io.micronaut.core.annotation.Introspected;

/** The real usage of one provider's model over all recorded days. */
@Introspected
record UsageTotals(
    String provider, String model, long requests, long promptTokens, long completionTokens) {}
