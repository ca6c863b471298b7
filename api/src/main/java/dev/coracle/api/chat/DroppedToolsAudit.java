package dev.coracle.api.chat;

import dev.coracle.activities.store.AuditLog;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Records in the audit log the tools a client offered that the model was not given: hosted tools
 * (OpenAI's {@code web_search}, Anthropic's server tools) that run on the vendor's side and that
 * coracle has no way to run. Refusing the request for them would lock codex and Claude Code out, so
 * the door leaves them out and says so here. One row per request, with outcome {@value #OUTCOME},
 * which the audit's call totals do not count as a model call.
 */
@Singleton
public class DroppedToolsAudit {
  public static final String OUTCOME = AuditLog.TOOL_DROPPED;

  private final AuditLog audit;

  public DroppedToolsAudit(AuditLog audit) {
    this.audit = audit;
  }

  /**
   * Call once the chat has started, so a request refused before that leaves no row.
   *
   * @param door the door's name, such as {@code responses} or {@code messages}
   * @param reasons one line per tool left out, naming it and why
   */
  public void record(String workflowId, String door, String model, List<String> reasons) {
    if (reasons.isEmpty()) {
      return;
    }
    audit.record(workflowId, door, "coracle", model, OUTCOME, 0, 0, 0, String.join("; ", reasons));
  }
}
