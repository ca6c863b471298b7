package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.RequestClass;

/**
 * The input of {@link JobWorkflow}.
 *
 * @param jobId the workflow id, {@code job-<ULID>}
 * @param chat the conversation that asked for the job
 * @param workspace the directory the job works in, or null for a fresh one under coracle's home
 * @param requestClass {@code deep} or {@code research} plan with a cloud model; {@code fast} runs
 *     one local step with no planning hop
 * @param resume where to pick up: null on a fresh start; set by crash recovery and continue-as-new
 * @param hostId the machine the job is pinned to ({@code worker.host-id}): its workspace, tools and
 *     local models are there; null until the job's first run picks the host of its worker, and in
 *     histories written before hosts existed
 */
public record JobRequest(
    String jobId,
    ChatRequest chat,
    String workspace,
    RequestClass requestClass,
    JobLimits limits,
    JobResume resume,
    String hostId) {

  public JobRequest(
      String jobId,
      ChatRequest chat,
      String workspace,
      RequestClass requestClass,
      JobLimits limits,
      JobResume resume) {
    this(jobId, chat, workspace, requestClass, limits, resume, null);
  }

  /** The same job, to be continued from {@code resume}, on the same host. */
  public JobRequest resumingFrom(JobResume resume) {
    return new JobRequest(jobId, chat, workspace, requestClass, limits, resume, hostId);
  }

  /** The same job, pinned to {@code host}. */
  public JobRequest onHost(String host) {
    return new JobRequest(jobId, chat, workspace, requestClass, limits, resume, host);
  }

  /** The first line of the request, cut short, for lists and status answers. */
  public String title() {
    String text = chat == null ? "" : chat.lastUserText().strip();
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline);
    }
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
