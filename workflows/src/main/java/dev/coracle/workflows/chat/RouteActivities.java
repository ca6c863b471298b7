package dev.coracle.workflows.chat;

import dev.coracle.workflows.model.RoutePlan;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Turns a request and its class into the ordered list of models to try. */
@ActivityInterface
public interface RouteActivities {

  @ActivityMethod(name = "Route")
  RoutePlan route(ChatRequest request, Classification classification);
}
