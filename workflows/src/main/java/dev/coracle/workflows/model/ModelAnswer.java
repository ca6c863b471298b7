package dev.coracle.workflows.model;

import dev.coracle.workflows.chat.Usage;

/** Output of one model-call activity. */
public record ModelAnswer(String content, String finishReason, Usage usage, long modelMillis) {}
