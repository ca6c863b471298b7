package dev.coracle.workflows.job;

import java.util.List;

/**
 * What a tool call returned, as the coder sees it.
 *
 * @param output the text for the {@code tool} message, cut to a size bound
 * @param error true when the call failed; {@code output} then says why
 * @param changedFiles workspace-relative paths the call created, changed or deleted
 */
public record ToolResult(String callId, String output, boolean error, List<String> changedFiles) {}
