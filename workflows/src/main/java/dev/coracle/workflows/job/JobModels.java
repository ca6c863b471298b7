package dev.coracle.workflows.job;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.HostQueues;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ModelProfiles;
import dev.coracle.workflows.chat.RouteActivities;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.ModelChain;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Locale;

/** A job's model calls: routed by role, tried in order, each on the queue its model needs. */
final class JobModels {
  private final RouteActivities router =
      Workflow.newLocalActivityStub(RouteActivities.class, ActivityOptionsCatalog.light());
  private final CoderRouteActivities coderRouter =
      Workflow.newLocalActivityStub(CoderRouteActivities.class, ActivityOptionsCatalog.light());
  private final String jobId;
  private final HostQueues host;

  JobModels(String jobId) {
    this(jobId, HostQueues.SHARED);
  }

  /** A job's models, the local ones on the LLM slot of {@code host}. */
  JobModels(String jobId, HostQueues host) {
    this.jobId = jobId;
    this.host = host;
  }

  ModelChain.Answered ask(
      JobRole role, List<ChatMessage> messages, SamplingParams params, AgentTools tools) {
    // Routing sees the real prompt, so context windows and the browser's limits are checked.
    ChatRequest routing =
        new ChatRequest(ModelProfiles.DEFAULT, messages, params, null, tools, true);
    RoutePlan plan = host.pin(router.routeRole(role, routing));
    String purpose = "job-" + role.name().toLowerCase(Locale.ROOT);
    return ModelChain.call(
        plan, target -> new ModelCall(target, messages, params, null, jobId, purpose, tools));
  }

  /**
   * A coder turn whose conversation is in the store: routing and the call read it there, so the
   * history carries only the turn's reference. Candidates are tried in the same order as {@link
   * #ask}.
   */
  ModelChain.Answered askCoder(CoderTurn turn) {
    RoutePlan plan = host.pin(coderRouter.route(turn));
    return ModelChain.attempt(
        plan,
        target ->
            Workflow.newActivityStub(
                    CoderTurnActivities.class, ActivityOptionsCatalog.modelCall(target))
                .call(target, turn));
  }
}
