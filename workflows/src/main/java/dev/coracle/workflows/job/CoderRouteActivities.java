package dev.coracle.workflows.job;

import dev.coracle.workflows.model.RoutePlan;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Routes a coder turn by reference: the router reads the step's conversation from the store, so
 * context windows and the browser's limits are checked against the real prompt.
 */
@ActivityInterface
public interface CoderRouteActivities {

  @ActivityMethod(name = "RouteCoderTurn")
  RoutePlan route(CoderTurn turn);
}
