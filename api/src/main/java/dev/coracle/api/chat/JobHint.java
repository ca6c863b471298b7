package dev.coracle.api.chat;

import dev.coracle.activities.classify.JobGate;
import dev.coracle.workflows.chat.ChatResult;

/**
 * The line that tells the user how to ask for a coding job when the classifier would have started
 * one but was not sure ({@link JobGate#ABSTAINED}): the prompt was answered directly, and the user
 * may have wanted the job. It is added here, at the door, from the verdict of this request: the
 * cache keeps the model's answer without it, so an answer served from the cache carries the line
 * exactly when this request's verdict asks for it.
 */
public final class JobHint {
  /** Set apart from the answer by a blank line, so it reads as coracle's note, not the model's. */
  public static final String LINE =
      "\n\n---\n(coracle answered this directly. For a durable coding job, ask again with the model"
          + " coracle-deep, or coracle-research for research with sources.)";

  private JobHint() {}

  /**
   * Whether {@code call} could start a job from chat: jobs from chat are on, and it is not a coding
   * agent's turn (tools), an MCP loop or a text completion, none of which ever starts one.
   */
  public static boolean couldStartJob(ChatCall call, boolean jobsFromChat) {
    boolean tools =
        call.tools() != null
            && call.tools().definitions() != null
            && !call.tools().definitions().isEmpty();
    boolean mcp = call.mcpServers() != null && !call.mcpServers().isEmpty();
    boolean textCompletion = call.params() != null && call.params().textCompletion();
    return jobsFromChat && !tools && !mcp && !textCompletion;
  }

  /**
   * {@code result} with the hint line at the end of its answer when the request could have started
   * a job and the classifier abstained; otherwise {@code result} itself.
   *
   * @param jobsFromChat whether this chat could start a job at all (jobs from chat on, no tools, no
   *     MCP servers, not a text completion)
   */
  public static ChatResult added(ChatResult result, boolean jobsFromChat) {
    boolean abstained =
        result.classification() != null && JobGate.ABSTAINED.equals(result.classification().tier());
    if (!jobsFromChat
        || !abstained
        || result.jobId() != null
        || !result.toolCallsOrEmpty().isEmpty()
        || result.content() == null) {
      return result;
    }
    return new ChatResult(
        result.classification(),
        result.provider(),
        result.model(),
        result.content() + LINE,
        result.finishReason(),
        result.usage(),
        result.modelMillis(),
        result.fallbacks(),
        result.toolCalls(),
        result.cacheHit(),
        result.jobId());
  }
}
