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
 */
public record JobPlanState(
    String workspace,
    String contextArtifact,
    String context,
    String brief,
    JobPlan plan,
    int replans,
    String planner) {}
