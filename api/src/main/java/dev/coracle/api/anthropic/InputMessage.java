package dev.coracle.api.anthropic;

/** One turn of {@code messages}: {@code user}, {@code assistant}, or {@code system} mid-way. */
record InputMessage(String role, MessageContent content) {}
