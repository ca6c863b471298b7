package dev.coracle.workflows.chat;

/** One conversation turn as the workflow sees it: a role and plain text. */
public record ChatMessage(String role, String content) {}
