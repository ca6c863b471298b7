package dev.coracle.workflows.job;

/** What a model is asked to do in a job; each role has its own order of models. */
public enum JobRole {
  /** Turns the conversation and context into a brief: the local reasoning model first. */
  REFINE,
  /** Writes the plan: a cloud model first, through the free-tier chain. */
  PLAN,
  /** Carries out a step with tools: the local coder model first. */
  CODER,
  /** Judges a step and decides continue, replan or done: the local reasoning model first. */
  VERIFY
}
