package dev.coracle.worker.floor;

/** Does no work of its own, so the floor measures only the hop to the activity and back. */
public final class FloorActivitiesImpl implements FloorActivities {
  @Override
  public String echo(String text) {
    return text;
  }
}
