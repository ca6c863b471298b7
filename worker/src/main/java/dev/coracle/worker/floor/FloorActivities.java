package dev.coracle.worker.floor;

import io.temporal.activity.ActivityInterface;

/** The floor workflow's one local activity. */
@ActivityInterface(namePrefix = "Floor")
public interface FloorActivities {
  /** Returns {@code text} as it came: the activity's cost is Temporal's, not its own. */
  String echo(String text);
}
