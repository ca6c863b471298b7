package dev.coracle.api.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client's {@code tools} and {@code tool_choice} as coracle's agent tools. Server tools are
 * never a reason to fail: they are left out and handed back, so the door can record the fact.
 */
final class MessageTools {

  /**
   * @param agentTools the tools offered to the model, or null when there are none
   * @param dropped the server tools left out
   */
  record Offered(AgentTools agentTools, List<ToolSpec> dropped) {}

  private MessageTools() {}

  static Offered offered(List<ToolSpec> tools, ToolChoice choice) {
    List<ToolDefinition> definitions = new ArrayList<>();
    List<ToolSpec> dropped = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<ToolSpec> given = tools == null ? List.of() : tools;
    for (int i = 0; i < given.size(); i++) {
      ToolSpec tool = given.get(i);
      String param = "tools." + i;
      if (tool == null) {
        throw OpenAiException.invalid("tools", param + ": Input should be an object");
      }
      if (tool.isServerTool()) {
        dropped.add(tool);
        continue;
      }
      definitions.add(definition(tool, param, names));
    }
    if (definitions.isEmpty()) {
      return new Offered(null, List.copyOf(dropped));
    }
    String toolChoice = toolChoice(choice, names);
    Boolean parallel =
        choice != null && Boolean.TRUE.equals(choice.disableParallelToolUse()) ? false : null;
    return new Offered(
        new AgentTools(List.copyOf(definitions), toolChoice, parallel), List.copyOf(dropped));
  }

  private static ToolDefinition definition(ToolSpec tool, String param, Set<String> names) {
    if (tool.name() == null || tool.name().isBlank()) {
      throw OpenAiException.invalid("tools", param + ".name: Field required");
    }
    if (tool.inputSchema() == null) {
      throw OpenAiException.invalid("tools", param + ".input_schema: Field required");
    }
    if (!tool.inputSchema().isObject()) {
      throw OpenAiException.invalid(
          "tools", param + ".input_schema: Input should be a JSON schema object");
    }
    if (!names.add(tool.name())) {
      throw OpenAiException.invalid(
          "tools", param + ".name: tool names must be unique ('" + tool.name() + "' is repeated)");
    }
    return new ToolDefinition(tool.name(), tool.description(), tool.inputSchema().toString(), null);
  }

  /** Anthropic's choice as the internal (OpenAI-shaped) {@code tool_choice} JSON text. */
  private static String toolChoice(ToolChoice choice, Set<String> names) {
    if (choice == null || choice.type() == null) {
      return null;
    }
    return switch (choice.type()) {
      case "auto" -> json("auto");
      case "any" -> json("required");
      case "none" -> json("none");
      case "tool" -> named(choice.name(), names);
      default ->
          throw OpenAiException.invalid(
              "tool_choice",
              "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none' (got '"
                  + choice.type()
                  + "')");
    };
  }

  private static String named(String name, Set<String> names) {
    if (name == null || !names.contains(name)) {
      throw OpenAiException.invalid(
          "tool_choice", "tool_choice.name: '" + name + "' is not among the tools offered");
    }
    return json(Map.of("type", "function", "function", Map.of("name", name)));
  }

  private static String json(Object value) {
    try {
      return CoracleJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tool choice is always serializable", e);
    }
  }
}
