package dev.coracle.workflows.job;

import java.util.List;

/**
 * One step of a plan.
 *
 * @param files the workspace paths the step is expected to touch
 * @param tools the tool names the planner expects it to use
 * @param doneCriteria how the verifier can tell the step is done
 */
public record PlanStep(String goal, List<String> files, List<String> tools, String doneCriteria) {}
