package dev.coracle.activities.route;

import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RouteActivities;
import dev.coracle.workflows.model.RoutePlan;
import jakarta.inject.Singleton;

/** The route activity: a local activity, so it reads provider health in the worker's process. */
@Singleton
public class RouteActivitiesImpl implements RouteActivities {
  private final Router router;

  public RouteActivitiesImpl(Router router) {
    this.router = router;
  }

  @Override
  public RoutePlan route(ChatRequest request, Classification classification) {
    return router.route(request, classification);
  }
}
