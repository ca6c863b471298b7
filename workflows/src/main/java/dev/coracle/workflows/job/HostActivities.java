package dev.coracle.workflows.job;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Asks a machine's worker whether it is there: answered on {@code coracle-tools@<host-id>}. */
@ActivityInterface
public interface HostActivities {

  /** The {@code worker.host-id} of the worker that answered. */
  @ActivityMethod(name = "HostPresent")
  String present();
}
