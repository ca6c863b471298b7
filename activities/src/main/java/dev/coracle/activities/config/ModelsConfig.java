package dev.coracle.activities.config;

import java.util.Map;

/**
 * The {@code models} section: names clients may use besides coracle's own.
 *
 * @param aliases glob patterns ({@code *} matches any run of characters) to a profile such as
 *     {@code coracle-fast} or to a configured {@code provider/model}, in the order they are tried;
 *     they come before the built-in aliases (see {@link ModelAliases})
 */
public record ModelsConfig(Map<String, String> aliases) {}
