package dev.coracle.workflows.job;

/**
 * What the job learned before its first step: checkpointed once planning is done.
 *
 * @param workspace the resolved workspace directory
 * @param contextArtifact the id of the stored workspace snapshot
 * @param context the bounded text of that snapshot that prompts include
 * @param brief the refined request the planner and the coder work from
 * @param replans how many times the verifier has sent the job back to planning
 * @param planner the {@code provider/model} that wrote the current plan
 * @param rejections how many times a person rejected a plan of this job
 * @param approvedAt when a person approved the plan, epoch milliseconds; 0 when it was not asked
 *     for or not given yet
 */
public record JobPlanState(
    String workspace,
    String contextArtifact,
    String context,
    String brief,
    JobPlan plan,
    int replans,
    String planner,
    int rejections,
    long approvedAt) {

  /** A plan state of a job that never asked for approval. */
  public JobPlanState(
      String workspace,
      String contextArtifact,
      String context,
      String brief,
      JobPlan plan,
      int replans,
      String planner) {
    this(workspace, contextArtifact, context, brief, plan, replans, planner, 0, 0);
  }

  /** The same state with another plan, as a person edited it or a replan wrote it. */
  public JobPlanState withPlan(JobPlan next, String writtenBy, int rejectionCount, long approved) {
    return new JobPlanState(
        workspace,
        contextArtifact,
        context,
        brief,
        next,
        replans,
        writtenBy,
        rejectionCount,
        approved);
  }
}
