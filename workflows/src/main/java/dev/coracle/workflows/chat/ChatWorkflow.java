package dev.coracle.workflows.chat;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One {@code /v1/chat/completions} request: classify, route, answer. */
@WorkflowInterface
public interface ChatWorkflow {

  @WorkflowMethod(name = "ChatWorkflow")
  ChatResult chat(ChatRequest request);
}
