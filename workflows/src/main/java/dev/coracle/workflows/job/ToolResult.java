package dev.coracle.workflows.job;

import java.util.List;

/**
 * What a tool call returned, as the coder sees it.
 *
 * @param output the text for the {@code tool} message, cut to a size bound; when {@code artifactId}
 *     is set, only its start
 * @param error true when the call failed; {@code output} then says why
 * @param changedFiles workspace-relative paths the call created, changed or deleted
 * @param artifactId the artifact holding the whole text for the {@code tool} message, or null when
 *     {@code output} is whole
 */
public record ToolResult(
    String callId, String output, boolean error, List<String> changedFiles, String artifactId) {

  public ToolResult(String callId, String output, boolean error, List<String> changedFiles) {
    this(callId, output, error, changedFiles, null);
  }
}
