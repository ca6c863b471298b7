package dev.coracle.api.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** What the job tools are called, what they do and the arguments they take. */
final class McpJobSchemas {
  private McpJobSchemas() {}

  static final McpSchema.Tool SUBMIT_JOB =
      tool(
          "submit_job",
          "Start a durable coding job. Give a 'prompt' or OpenAI-style 'messages'; optionally the"
              + " absolute path of a 'workspace' directory, a 'class' (deep, research or fast) and"
              + " 'approve_plan' to review the plan before any work. Returns the job as JSON, with"
              + " its id.",
          false,
          Map.of(
              "prompt",
              Map.of("type", "string", "description", "What the job should do"),
              "messages",
              Map.of(
                  "type", "array",
                  "description", "The conversation, instead of a prompt",
                  "items",
                      Map.of(
                          "type",
                          "object",
                          "properties",
                          Map.of(
                              "role", Map.of("type", "string"),
                              "content", Map.of("type", "string")))),
              "model",
              Map.of("type", "string", "description", "The model to plan with (default coracle)"),
              "workspace",
              Map.of("type", "string", "description", "Absolute path of the directory to work in"),
              "class",
              Map.of("type", "string", "enum", List.of("deep", "research", "fast")),
              "approve_plan",
              Map.of(
                  "type",
                  "boolean",
                  "description",
                  "Hold the job after planning until approve_job (default: jobs.approve-plans)")),
          List.of());

  static final McpSchema.Tool GET_STATUS =
      tool(
          "get_status",
          "The status of one job by 'id', or of all unfinished jobs when no id is given.",
          true,
          Map.of("id", Map.of("type", "string")),
          List.of());

  static final McpSchema.Tool LIST_JOBS =
      tool(
          "list_jobs",
          "List jobs, newest first. 'status' filters (queued, running, paused, waiting_approval,"
              + " cancelled, failed, done; comma separated); 'limit' is 1 to 100.",
          true,
          Map.of(
              "status", Map.of("type", "string"),
              "limit", Map.of("type", "integer", "minimum", 1, "maximum", 100),
              "cursor", Map.of("type", "string")),
          List.of());

  static final McpSchema.Tool CANCEL_JOB =
      tool(
          "cancel_job",
          "Cancel a job by 'id', with an optional 'reason'. It stops at its next turn or step.",
          false,
          Map.of("id", Map.of("type", "string"), "reason", Map.of("type", "string")),
          List.of("id"));

  static final McpSchema.Tool JOB_EVENTS =
      tool(
          "job_events",
          "A job's progress events after sequence number 'after_seq' (default 0), at most"
              + " 'limit' (default 100).",
          true,
          Map.of(
              "id", Map.of("type", "string"),
              "after_seq", Map.of("type", "integer", "minimum", 0),
              "limit", Map.of("type", "integer", "minimum", 1, "maximum", 1000)),
          List.of("id"));

  static final McpSchema.Tool APPROVE_JOB =
      tool(
          "approve_job",
          "Approve the plan of a job waiting for approval (status waiting_approval) by 'id', so it"
              + " starts. An optional 'plan' ({\"steps\": [{\"goal\": ..., \"files\": [...],"
              + " \"done_criteria\": ...}]}) replaces the plan; it is checked like a planner's.",
          false,
          Map.of(
              "id",
              Map.of("type", "string"),
              "plan",
              Map.of(
                  "type",
                  "object",
                  "properties",
                  Map.of(
                      "summary",
                      Map.of("type", "string"),
                      "steps",
                      Map.of(
                          "type",
                          "array",
                          "items",
                          Map.of(
                              "type",
                              "object",
                              "properties",
                              Map.of(
                                  "goal", Map.of("type", "string"),
                                  "files",
                                      Map.of("type", "array", "items", Map.of("type", "string")),
                                  "done_criteria", Map.of("type", "string"))))))),
          List.of("id"));

  static final McpSchema.Tool REJECT_JOB =
      tool(
          "reject_job",
          "Reject the plan of a job waiting for approval by 'id', with the 'reason' the one replan"
              + " reads; a second rejection ends the job.",
          false,
          Map.of("id", Map.of("type", "string"), "reason", Map.of("type", "string")),
          List.of("id", "reason"));

  private static McpSchema.Tool tool(
      String name,
      String description,
      boolean readOnly,
      Map<String, Object> properties,
      List<String> required) {
    return McpSchema.Tool.builder()
        .name(name)
        .description(description)
        .inputSchema(Map.of("type", "object", "properties", properties, "required", required))
        .annotations(
            new McpSchema.ToolAnnotations(null, readOnly, !readOnly, readOnly, false, null))
        .build();
  }
}
