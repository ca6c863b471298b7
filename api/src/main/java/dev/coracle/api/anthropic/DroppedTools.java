package dev.coracle.api.anthropic;

import dev.coracle.activities.store.AuditLog;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Records in the audit log each server tool a request offered that the model was not given. Server
 * tools ({@code web_search_20250305}, {@code bash_20250124}, ...) run on Anthropic's side; coracle
 * has no such tools, and refusing the request for them would lock Claude Code out. The rows use the
 * {@code SKIPPED} outcome of routing decisions, so they show in the log without counting as model
 * calls.
 */
@Singleton
class DroppedTools {
  static final String OUTCOME = "SKIPPED";
  static final String PURPOSE = "messages";

  private final AuditLog audit;

  DroppedTools(AuditLog audit) {
    this.audit = audit;
  }

  void record(String workflowId, String model, List<ToolSpec> dropped) {
    for (ToolSpec tool : dropped) {
      audit.record(
          workflowId,
          PURPOSE,
          "coracle",
          model,
          OUTCOME,
          0,
          0,
          0,
          "dropped the server tool '"
              + tool.name()
              + "' ("
              + tool.type()
              + "): coracle offers models only tools with an input_schema");
    }
  }
}
