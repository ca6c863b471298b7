package dev.coracle.activities.quota;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * The requests and tokens of one provider's model (or its shared pool, model {@code *}) in one
 * window, a row of the {@code quota_usage} table. Times are epoch milliseconds.
 *
 * @param windowKind {@link WindowKind#column()}
 * @param tokens estimates of calls in flight plus the real usage of finished calls
 * @param promptTokens real prompt tokens of finished calls
 * @param completionTokens real completion tokens of finished calls
 */
@MappedEntity("quota_usage")
record QuotaUsage(
    @Id @GeneratedValue @Nullable Long id,
    String provider,
    String model,
    String windowKind,
    long windowStart,
    long requests,
    long tokens,
    long promptTokens,
    long completionTokens) {}
