package dev.coracle.workflows.model;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import java.util.List;

/**
 * Input of one model-call activity.
 *
 * @param streamKey when not null, tokens are also published in-process under this key
 * @param workflowId the chat or job this call belongs to, for the audit trail
 * @param tools the client's tools in agent mode, or null
 */
public record ModelCall(
    ModelTarget target,
    List<ChatMessage> messages,
    SamplingParams params,
    String streamKey,
    String workflowId,
    String requestClass,
    AgentTools tools) {

  public ModelCall(
      ModelTarget target,
      List<ChatMessage> messages,
      SamplingParams params,
      String streamKey,
      String workflowId,
      String requestClass) {
    this(target, messages, params, streamKey, workflowId, requestClass, null);
  }
}
