package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.ChatMessage;

/**
 * One message of a running step's coder conversation, as the store keeps it.
 *
 * @param seq the message's position in the step's conversation, from 0
 * @param message the message; for a long tool output its content is only a preview
 * @param artifactId the artifact holding the message's full content, or null when {@code message}
 *     is whole
 */
public record TranscriptEntry(int seq, ChatMessage message, String artifactId) {}
