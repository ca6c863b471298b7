package dev.coracle.activities.job;

import dev.coracle.workflows.job.JobSnapshot;
import java.util.List;

/**
 * One page of a job listing, newest first.
 *
 * @param nextCursor what asks for the next page, or null when this is the last
 */
public record JobPage(List<JobSnapshot> jobs, boolean hasMore, String nextCursor) {

  public JobPage {
    jobs = List.copyOf(jobs);
  }
}
