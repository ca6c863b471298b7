package dev.coracle.activities.job;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * One message of a running step's conversation, a row of {@code job_transcript}.
 *
 * @param messageJson the {@code ChatMessage}; a long tool output holds only its start here
 * @param artifactId the artifact with the whole content, or null
 */
@Introspected
record JobTranscriptRow(
    String jobId, int stepIdx, int seq, String messageJson, @Nullable String artifactId) {}
