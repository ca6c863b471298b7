package dev.coracle.workflows.chat;

import dev.coracle.workflows.job.JobRole;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Turns a request and its class into the ordered list of models to try. */
@ActivityInterface
public interface RouteActivities {

  @ActivityMethod(name = "Route")
  RoutePlan route(ChatRequest request, Classification classification);

  /**
   * The models to try for one role in a coding job: local models first for refine, coder and
   * verify, cloud models first for the plan, each order overridable in {@code jobs.roles}.
   */
  @ActivityMethod(name = "RouteJobRole")
  RoutePlan routeRole(JobRole role, ChatRequest request);
}
