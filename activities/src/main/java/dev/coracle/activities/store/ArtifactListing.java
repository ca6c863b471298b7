package dev.coracle.activities.store;

import java.util.List;

/**
 * A job's artifacts without their content, oldest first. Content can be megabytes per row, and a
 * listing only needs to say what is there. The SQL differs per backend (an empty blob literal, the
 * column that keeps insertion order), so each backend has its own repository.
 */
public interface ArtifactListing {

  /** The metadata of the job's artifacts, with empty content, in the order they were stored. */
  List<Artifact> metadataForJob(String jobId);
}
