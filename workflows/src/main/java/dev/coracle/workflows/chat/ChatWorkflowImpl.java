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
 * Classify, route, then try the routed models in order until one answers. Status questions are
 * answered from the store and never reach a model.
 */
public class ChatWorkflowImpl implements ChatWorkflow {

  private static final Logger log = Workflow.getLogger(ChatWorkflowImpl.class);

  private final ClassifyActivities classifier =
      Workflow.newLocalActivityStub(ClassifyActivities.class, ActivityOptionsCatalog.light());
  private final RouteActivities router =
      Workflow.newLocalActivityStub(RouteActivities.class, ActivityOptionsCatalog.light());
  private final StatusActivities status =
      Workflow.newLocalActivityStub(StatusActivities.class, ActivityOptionsCatalog.light());

  @Override
  public ChatResult chat(ChatRequest request) {
    Classification classification = classify(request);
    if (classification.requestClass() == RequestClass.STATUS
        && !ModelProfiles.isDirect(request.model())) {
      String answer = status.answerStatus(request);
      return new ChatResult(
          classification, "coracle", "status", answer, "stop", Usage.NONE, 0, List.of());
    }
    RoutePlan plan = router.route(request, classification);
    if (plan.candidates().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          plan.unavailable(), ChatErrorType.NO_PROVIDER.name());
    }
    return answer(request, classification, plan);
  }

  private Classification classify(ChatRequest request) {
    return ModelProfiles.forcedClass(request.model())
        .map(forced -> Classification.forced(forced, "model profile " + request.model()))
        .orElseGet(() -> classifier.classify(request));
  }

  private ChatResult answer(ChatRequest request, Classification classification, RoutePlan plan) {
    List<ModelTarget> candidates = plan.candidates();
    List<String> fallbacks = new ArrayList<>();
    String workflowId = Workflow.getInfo().getWorkflowId();
    for (ModelTarget target : candidates) {
      ModelActivities models =
          Workflow.newActivityStub(ModelActivities.class, ActivityOptionsCatalog.modelCall(target));
      ModelCall call =
          new ModelCall(
              target,
              request.messages(),
              request.params(),
              request.streamKey(),
              workflowId,
              classification.requestClass().wireName());
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
            List.copyOf(fallbacks));
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
