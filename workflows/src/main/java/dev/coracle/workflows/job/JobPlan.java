package dev.coracle.workflows.job;

import java.util.List;

/** An ordered plan, validated and normalized from the planner's JSON. */
public record JobPlan(String summary, List<PlanStep> steps) {}
