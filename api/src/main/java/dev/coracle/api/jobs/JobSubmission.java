package dev.coracle.api.jobs;

import dev.coracle.api.openai.chat.ParsedCompletion;
import dev.coracle.workflows.chat.RequestClass;

/**
 * A validated {@code POST /api/jobs} body.
 *
 * @param workspace the workspace as the client named it, not yet checked, or null for a fresh one
 * @param approvePlan true or false when the client asked for plan approval or not; null leaves it
 *     to {@code jobs.approve-plans}
 */
record JobSubmission(
    ParsedCompletion chat, String workspace, RequestClass requestClass, Boolean approvePlan) {}
