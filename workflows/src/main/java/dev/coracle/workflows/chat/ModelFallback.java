package dev.coracle.workflows.chat;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.model.ModelActivities;
import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.ModelTarget;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Workflow-side: tries the routed models in order until one answers. Each call runs on the queue
 * its model needs, so local models go through the single LLM slot.
 */
final class ModelFallback {
  private static final Logger log = Workflow.getLogger(ModelFallback.class);

  private ModelFallback() {}

  static ChatResult answer(ChatRequest request, Classification classification, RoutePlan plan) {
    List<String> fallbacks = new ArrayList<>();
    String workflowId = Workflow.getInfo().getWorkflowId();
    for (ModelTarget target : plan.candidates()) {
      ModelActivities models =
          Workflow.newActivityStub(ModelActivities.class, ActivityOptionsCatalog.modelCall(target));
      ModelCall call =
          new ModelCall(
              target,
              request.messages(),
              request.params(),
              request.streamKey(),
              workflowId,
              classification.requestClass().wireName(),
              request.tools());
      try {
        ModelAnswer answer = models.call(call);
        return new ChatResult(
            classification,
            target.provider(),
            target.model(),
            answer.content(),
            answer.finishReason(),
            answer.usage(),
            answer.modelMillis(),
            List.copyOf(fallbacks),
            answer.toolCalls(),
            false);
      } catch (ActivityFailure failure) {
        ApplicationFailure cause = applicationCause(failure);
        if (cause != null && ChatErrorType.STREAM_BROKEN.name().equals(cause.getType())) {
          // Tokens already reached the client; another model would answer twice.
          throw ApplicationFailure.newNonRetryableFailure(
              cause.getOriginalMessage(), ChatErrorType.STREAM_BROKEN.name());
        }
        String reason = cause != null ? cause.getOriginalMessage() : failure.getMessage();
        log.warn("{} failed, trying the next candidate: {}", target.qualifiedName(), reason);
        fallbacks.add(target.qualifiedName() + ": " + reason);
      }
    }
    List<String> reasons = new ArrayList<>(fallbacks);
    reasons.addAll(plan.skippedOrEmpty());
    throw ApplicationFailure.newNonRetryableFailure(
        "no provider could answer: " + String.join("; ", reasons),
        ChatErrorType.NO_PROVIDER.name());
  }

  private static ApplicationFailure applicationCause(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    while (cause != null) {
      if (cause instanceof ApplicationFailure application) {
        return application;
      }
      cause = cause.getCause();
    }
    return null;
  }
}
