package dev.coracle.activities.quota;

import java.time.Instant;

/**
 * A configured model that takes no calls now: its provider's key was refused, or it (or its
 * provider's shared pool) is cooling down after HTTP 429.
 *
 * @param disabledReason why the key was refused, when {@code disabled}
 * @param cooldownUntil when the longest cooldown in force ends, or null when none is
 * @param cooldownReason what set that cooldown, or null
 */
public record RestingModel(
    String provider,
    String model,
    boolean disabled,
    String disabledReason,
    Instant cooldownUntil,
    String cooldownReason) {}
