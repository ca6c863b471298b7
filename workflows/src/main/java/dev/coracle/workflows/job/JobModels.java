package dev.coracle.workflows.job;

import dev.coracle.workflows.ActivityOptionsCatalog;
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
  private final String jobId;

  JobModels(String jobId) {
    this.jobId = jobId;
  }

  ModelChain.Answered ask(
      JobRole role, List<ChatMessage> messages, SamplingParams params, AgentTools tools) {
    // Routing sees the real prompt, so context windows and the browser's limits are checked.
    ChatRequest routing =
        new ChatRequest(ModelProfiles.DEFAULT, messages, params, null, tools, true);
    RoutePlan plan = router.routeRole(role, routing);
    String purpose = "job-" + role.name().toLowerCase(Locale.ROOT);
    return ModelChain.call(
        plan, target -> new ModelCall(target, messages, params, null, jobId, purpose, tools));
  }
}
