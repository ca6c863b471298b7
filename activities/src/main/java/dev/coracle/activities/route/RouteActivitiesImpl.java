package dev.coracle.activities.route;

import dev.coracle.activities.job.JobTranscripts;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.ModelProfiles;
import dev.coracle.workflows.chat.RouteActivities;
import dev.coracle.workflows.job.CoderRouteActivities;
import dev.coracle.workflows.job.CoderTurn;
import dev.coracle.workflows.job.JobRole;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.activity.Activity;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * The route activity: a local activity, so it reads provider health and quotas in the worker's
 * process. Every provider it leaves out goes to the audit table with the reason.
 */
@Singleton
public class RouteActivitiesImpl implements RouteActivities, CoderRouteActivities {
  static final String SKIPPED = "SKIPPED";

  private final Router router;
  private final AuditLog audit;
  private final JobTranscripts transcripts;

  public RouteActivitiesImpl(Router router, AuditLog audit, JobTranscripts transcripts) {
    this.router = router;
    this.audit = audit;
    this.transcripts = transcripts;
  }

  /** A coder turn, routed on the conversation the store holds for it, as if it came inline. */
  @Override
  public RoutePlan route(CoderTurn turn) {
    ChatRequest request =
        new ChatRequest(
            ModelProfiles.DEFAULT,
            transcripts.messages(turn),
            turn.params(),
            null,
            transcripts.tools(turn),
            true);
    return routeRole(JobRole.CODER, request);
  }

  @Override
  public RoutePlan route(ChatRequest request, Classification classification) {
    RoutePlan plan = router.route(request, classification);
    auditSkipped(plan, classification.requestClass().wireName());
    return plan;
  }

  @Override
  public RoutePlan routeRole(JobRole role, ChatRequest request) {
    RoutePlan plan = router.routeRole(role, request);
    auditSkipped(plan, "job-" + role.name().toLowerCase(Locale.ROOT));
    return plan;
  }

  private void auditSkipped(RoutePlan plan, String purpose) {
    String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
    for (String reason : plan.skippedOrEmpty()) {
      String who = reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason;
      int slash = who.indexOf('/');
      String provider = slash < 0 ? who : who.substring(0, slash);
      String model = slash < 0 ? "*" : who.substring(slash + 1);
      audit.record(workflowId, purpose, provider, model, SKIPPED, 0, 0, 0, reason);
    }
  }
}
