package dev.coracle.workflows.chat;

import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.ModelChain;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.workflow.Workflow;

/** Workflow-side: a chat's answer from the first routed model that gives one. */
final class ModelFallback {

  private ModelFallback() {}

  static ChatResult answer(ChatRequest request, Classification classification, RoutePlan plan) {
    return answer(request, classification, plan, false);
  }

  /**
   * @param inProcess true to call cloud models as local activities (a plain answer only: local
   *     models keep their slot queue, and streams their heartbeats)
   */
  static ChatResult answer(
      ChatRequest request, Classification classification, RoutePlan plan, boolean inProcess) {
    String workflowId = Workflow.getInfo().getWorkflowId();
    ModelChain.Answered answered =
        ModelChain.call(
            plan,
            target ->
                new ModelCall(
                    target,
                    request.messages(),
                    request.params(),
                    request.streamKey(),
                    workflowId,
                    classification.requestClass().wireName(),
                    request.tools()),
            target -> inProcess && !target.local() && request.streamKey() == null);
    return RoutedAnswer.resultOf(classification, answered);
  }
}
