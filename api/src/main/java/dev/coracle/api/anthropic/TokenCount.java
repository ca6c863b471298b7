package dev.coracle.api.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code POST /v1/messages/count_tokens}. */
record TokenCount(@JsonProperty("input_tokens") int inputTokens) {}
