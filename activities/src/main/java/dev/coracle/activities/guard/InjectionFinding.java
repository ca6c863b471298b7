package dev.coracle.activities.guard;

/**
 * One place where a tool's output reads like instructions to the model.
 *
 * @param pattern what it looks like, e.g. {@code ignore-previous-instructions}
 * @param excerpt the text that matched, on one line and cut short
 */
public record InjectionFinding(String pattern, String excerpt) {}
