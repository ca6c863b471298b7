package dev.coracle.workflows.job;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Validates and normalizes the structured outputs of planner and verifier models. */
@ActivityInterface
public interface PlanActivities {

  /**
   * Parses a plan: JSON (fenced or bare) with ordered steps; empty goals are refused, paths are
   * normalized to the workspace, and a plan longer than the limit is cut.
   */
  @ActivityMethod(name = "ParsePlan")
  PlanParse parsePlan(String raw, JobLimits limits);

  /**
   * Parses a verdict; anything unreadable counts as {@code continue}, with the reason saying so.
   */
  @ActivityMethod(name = "ParseVerdict")
  Verdict parseVerdict(String raw);
}
