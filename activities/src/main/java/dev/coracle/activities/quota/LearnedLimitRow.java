package dev.coracle.activities.quota;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A limit an upstream reported for one window, a row of the {@code learned_limit} table.
 *
 * @param model the model, or {@code *} for the provider's shared pool
 * @param windowKind {@link WindowKind#column()}
 * @param unit {@code requests} or {@code tokens}
 * @param learnedAt epoch milliseconds of the report
 */
@MappedEntity("learned_limit")
record LearnedLimitRow(
    @Id @GeneratedValue @Nullable Long id,
    String provider,
    String model,
    String windowKind,
    String unit,
    int limitValue,
    String source,
    long learnedAt) {}
