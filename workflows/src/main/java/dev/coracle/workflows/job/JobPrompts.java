package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.SamplingParams;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompts of a job's model calls, and the JSON schemas of the structured ones. They live in the
 * workflow module because they are part of what a job's history means: changing one changes what a
 * replayed job would have asked.
 */
public final class JobPrompts {

  /** The plan's JSON schema, as OpenAI's {@code response_format}. */
  static final String PLAN_FORMAT =
      """
      {"type":"json_schema","json_schema":{"name":"job_plan","schema":{"type":"object",\
      "properties":{"summary":{"type":"string"},"steps":{"type":"array","items":{"type":"object",\
      "properties":{"goal":{"type":"string"},"files":{"type":"array","items":{"type":"string"}},\
      "tools":{"type":"array","items":{"type":"string"}},"done_criteria":{"type":"string"}},\
      "required":["goal","files","tools","done_criteria"]}}},"required":["summary","steps"]}}}""";

  /** The verifier's JSON schema, as OpenAI's {@code response_format}. */
  static final String VERDICT_FORMAT =
      """
      {"type":"json_schema","json_schema":{"name":"job_verdict","schema":{"type":"object",\
      "properties":{"decision":{"type":"string","enum":["continue","replan","done"]},\
      "reason":{"type":"string"},"learned":{"type":"string"}},\
      "required":["decision","reason","learned"]}}}""";

  private static final String REFINE_SYSTEM =
      """
      You turn a user's request for a coding job into a precise brief for a planner. Use the \
      conversation and the workspace snapshot. Say what must be built or changed, where (paths), \
      the constraints, and how to tell it is done. Do not plan the steps and do not write code. \
      Answer with the brief only, at most 300 words.""";

  private static final String PLAN_SYSTEM =
      """
      You plan a coding job that a smaller local model will carry out step by step with tools \
      (%s). Each step must be small enough for a few tool calls: one goal, the workspace-relative \
      files it touches, the tools it needs, and a done criterion the step can be checked against. \
      At most %d steps, in order. Answer with JSON only: {"summary": "...", "steps": [{"goal": \
      "...", "files": ["..."], "tools": ["..."], "done_criteria": "..."}]}.""";

  private static final String RESEARCH_HINT =
      " This is a research job: prefer steps that gather and cite sources with the web tools"
          + " when they are available, then write the findings to a file in the workspace.";

  private static final String REPAIR_SYSTEM =
      """
      The text below was meant to be a JSON plan but was refused for the reason given. Rewrite it \
      as valid JSON of the form {"summary": "...", "steps": [{"goal": "...", "files": ["..."], \
      "tools": ["..."], "done_criteria": "..."}]} keeping its content. Answer with JSON only.""";

  private static final String CODER_SYSTEM =
      """
      You are the coder of one step of a larger job, working in a workspace directory through \
      the tools you are given. Paths are relative to the workspace. Do the step's goal, check it \
      against its done criterion, and then answer in one or two sentences what you did, without \
      calling a tool. Do only this step; later steps are done separately.""";

  private static final String VERIFY_SYSTEM =
      """
      You check a coding job after one of its steps. Decide: "continue" when the plan is still \
      right, "replan" when what was learned means the remaining steps must change (say what was \
      learned), or "done" when the whole brief is already satisfied. Answer with JSON only: \
      {"decision": "continue|replan|done", "reason": "...", "learned": "..."}.""";

  private JobPrompts() {}

  static List<ChatMessage> refine(List<ChatMessage> conversation, String context) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(new ChatMessage("system", REFINE_SYSTEM));
    StringBuilder user = new StringBuilder("Conversation:\n");
    for (ChatMessage message : conversation) {
      if (message.content() != null && !"system".equals(message.role())) {
        user.append(message.role()).append(": ").append(message.content()).append('\n');
      }
    }
    user.append("\nWorkspace snapshot:\n").append(context);
    messages.add(new ChatMessage("user", user.toString()));
    return messages;
  }

  static List<ChatMessage> plan(
      String brief,
      String context,
      RequestClass requestClass,
      List<String> toolNames,
      int maxSteps,
      String learned) {
    String system = String.format(PLAN_SYSTEM, String.join(", ", toolNames), maxSteps);
    if (requestClass == RequestClass.RESEARCH) {
      system += RESEARCH_HINT;
    }
    StringBuilder user = new StringBuilder("Brief:\n").append(brief);
    if (learned != null && !learned.isBlank()) {
      user.append("\n\nAlready done and learned so far (plan only what remains):\n")
          .append(learned);
    }
    user.append("\n\nWorkspace snapshot:\n").append(context);
    return List.of(new ChatMessage("system", system), new ChatMessage("user", user.toString()));
  }

  static List<ChatMessage> repair(String raw, String error) {
    return List.of(
        new ChatMessage("system", REPAIR_SYSTEM),
        new ChatMessage("user", "Refused because: " + error + "\n\nText:\n" + raw));
  }

  static List<ChatMessage> coder(String brief, JobStep step, List<JobStep> done) {
    StringBuilder user = new StringBuilder("The job's brief:\n").append(brief);
    if (!done.isEmpty()) {
      user.append("\n\nSteps already done:");
      for (JobStep previous : done) {
        user.append("\n")
            .append(previous.index())
            .append(". ")
            .append(previous.plan().goal())
            .append(" -> ")
            .append(previous.summary() == null ? previous.status() : previous.summary());
      }
    }
    PlanStep plan = step.plan();
    user.append("\n\nYour step (")
        .append(step.index())
        .append("): ")
        .append(plan.goal())
        .append("\nFiles: ")
        .append(plan.files() == null ? "" : String.join(", ", plan.files()))
        .append("\nDone when: ")
        .append(plan.doneCriteria());
    return List.of(
        new ChatMessage("system", CODER_SYSTEM), new ChatMessage("user", user.toString()));
  }

  static List<ChatMessage> verify(String brief, List<JobStep> steps, JobStep last) {
    StringBuilder user = new StringBuilder("Brief:\n").append(brief).append("\n\nSteps:");
    for (JobStep step : steps) {
      user.append("\n")
          .append(step.index())
          .append(". [")
          .append(step.status())
          .append("] ")
          .append(step.plan().goal());
      if (step.summary() != null) {
        user.append(" -> ").append(step.summary());
      }
      if (step.interrupted() != null && !step.interrupted().isEmpty()) {
        user.append(" (interrupted by a crash, effect unknown: ")
            .append(String.join(", ", step.interrupted()))
            .append(")");
      }
    }
    user.append("\n\nThe step just finished: ").append(last.index());
    user.append("\nFiles changed so far: ").append(String.join(", ", last.changedFiles()));
    return List.of(
        new ChatMessage("system", VERIFY_SYSTEM), new ChatMessage("user", user.toString()));
  }

  /** Low temperature: plans and verdicts should not vary from run to run. */
  static SamplingParams structured(String format) {
    return new SamplingParams(null, 0.1, null, List.of(), null, format);
  }

  static SamplingParams coderParams() {
    return new SamplingParams(null, 0.2, null, List.of(), null, null);
  }
}
