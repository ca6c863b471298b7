package dev.coracle.activities.job;

/**
 * A job was refused because another unfinished job holds its workspace. Only one job runs in a
 * workspace at a time: two would overwrite each other's files, and one could swap a directory for a
 * symlink under the other's file tools.
 */
public final class WorkspaceBusyException extends RuntimeException {

  private final String holderId;

  WorkspaceBusyException(String workspace, String holderId, String holderStatus) {
    super(
        "The workspace '"
            + workspace
            + "' already has an unfinished job, "
            + holderId
            + " ("
            + holderStatus
            + "); one job runs in a workspace at a time. Wait for it to finish, or cancel it with"
            + " POST /api/jobs/"
            + holderId
            + "/cancel, then submit again.",
        null,
        false,
        false);
    this.holderId = holderId;
  }

  /** The id of the unfinished job that holds the workspace. */
  public String holderId() {
    return holderId;
  }
}
