package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.ToolCall;

/**
 * One tool call of a job's coder, with the workspace it is jailed to.
 *
 * @param previewBytes when above 0, an output longer than this is stored as an artifact and the
 *     result carries its id and only this much of its start; 0 returns the output whole
 */
public record ToolInvocation(
    String jobId, String workspace, int step, ToolCall call, int previewBytes) {

  public ToolInvocation(String jobId, String workspace, int step, ToolCall call) {
    this(jobId, workspace, step, call, 0);
  }
}
