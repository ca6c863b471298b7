package dev.coracle.activities.quota;

import java.time.Instant;

/**
 * What the upstream's headers last said about its limits, less the calls admitted since. Any field
 * may be null when the upstream did not say.
 *
 * @param shared true when it describes the provider's shared pool rather than one model
 */
public record LearnedLimits(
    Integer limitRequests,
    Integer remainingRequests,
    Instant requestsResetAt,
    Integer limitTokens,
    Integer remainingTokens,
    Instant tokensResetAt,
    Instant learnedAt,
    boolean shared) {}
