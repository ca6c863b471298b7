package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.ToolCall;

/** One tool call of a job's coder, with the workspace it is jailed to. */
public record ToolInvocation(String jobId, String workspace, int step, ToolCall call) {}
