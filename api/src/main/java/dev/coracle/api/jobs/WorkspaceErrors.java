package dev.coracle.api.jobs;

import dev.coracle.activities.job.WorkspaceBusyException;
import dev.coracle.activities.workspace.WorkspaceNotAllowedException;
import dev.coracle.api.openai.OpenAiException;

/**
 * A refused workspace in OpenAI's error shape, for every door that takes one: the jobs API, chat
 * and, through the jobs API, the MCP {@code submit_job} tool. The wording comes from the refusal.
 */
public final class WorkspaceErrors {

  private WorkspaceErrors() {}

  /**
   * 400 {@code workspace_not_allowed}.
   *
   * @param param where the workspace came from: {@code workspace} or the header's name
   */
  public static OpenAiException notAllowed(WorkspaceNotAllowedException refused, String param) {
    return new OpenAiException(
        400, "invalid_request_error", param, "workspace_not_allowed", refused.getMessage());
  }

  /** 409 {@code workspace_busy}, naming the job that holds the workspace. */
  public static OpenAiException busy(WorkspaceBusyException busy) {
    return busy(busy.getMessage(), "workspace");
  }

  /**
   * 409 {@code workspace_busy} for a job that a chat started and the store refused; the message is
   * the {@link WorkspaceBusyException}'s, carried by the job's failure.
   */
  public static OpenAiException busy(String message, String param) {
    return new OpenAiException(409, "invalid_request_error", param, "workspace_busy", message);
  }
}
