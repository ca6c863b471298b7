package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.ToolDefinition;
import java.util.List;

/**
 * The tools a job's coder may call.
 *
 * @param idempotent the names of tools that are safe to run twice (reads, lists); a call to any
 *     other tool that was in flight during a crash is reported as interrupted instead of re-run
 */
public record JobToolset(List<ToolDefinition> definitions, List<String> idempotent) {

  public boolean isIdempotent(String name) {
    return idempotent != null && idempotent.contains(name);
  }
}
