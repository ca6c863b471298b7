package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.ToolDefinition;
import java.io.IOException;

/**
 * One tool a job's coder may call. Each is a bean; the {@link ToolRegistry} finds them all, so a
 * new tool is a new class and nothing else changes.
 */
public interface Tool {

  /** The name the model calls it by; unique among tools. */
  default String name() {
    return definition().name();
  }

  /** The OpenAI function definition: name, what it does, a JSON schema of its arguments. */
  ToolDefinition definition();

  /**
   * True when running the call twice does no harm (reads, listings). A call to any other tool that
   * was in flight during a crash is reported to the model as interrupted instead of re-run.
   */
  boolean idempotent();

  /** Whether jobs of this class get the tool; all do unless a tool says otherwise. */
  default boolean availableFor(RequestClass requestClass) {
    return true;
  }

  /**
   * Runs one call.
   *
   * @param args the call's arguments, a JSON object (empty when the model sent none)
   * @throws ToolException for a call the model got wrong or that cannot be done
   * @throws IOException for a file-system error, which the model is told about too
   */
  ToolOutput run(ToolContext context, JsonNode args) throws IOException;
}
