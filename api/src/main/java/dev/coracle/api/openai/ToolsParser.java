package dev.coracle.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the function {@code tools}, {@code tool_choice} and {@code parallel_tool_calls}; the
 * {@code mcp} entries are {@link McpToolsParser}'s. Schemas are kept as JSON text and passed
 * through to the model as the client wrote them.
 */
final class ToolsParser {
  /** OpenAI's rule for function names. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private ToolsParser() {}

  /** The agent tools of a request, or null when it has none. */
  static AgentTools parse(JsonNode root) {
    JsonNode tools = root.get("tools");
    if (tools == null || tools.isNull()) {
      rejectOrphan(root, "tool_choice");
      return null;
    }
    if (!tools.isArray()) {
      throw OpenAiException.invalid("tools", "'tools' must be an array");
    }
    if (tools.isEmpty()) {
      rejectOrphan(root, "tool_choice");
      return null;
    }
    List<ToolDefinition> definitions = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      if (McpToolsParser.isMcp(tools.get(i))) {
        continue; // McpToolsParser validates these.
      }
      ToolDefinition definition = definition(tools.get(i), "tools[" + i + "]");
      if (!names.add(definition.name())) {
        throw OpenAiException.invalidValue(
            "tools[" + i + "].function.name",
            "Tool name '" + definition.name() + "' is used twice");
      }
      definitions.add(definition);
    }
    String toolChoice = toolChoice(root.get("tool_choice"), names);
    Boolean parallel = null;
    if (root.has("parallel_tool_calls") && !root.get("parallel_tool_calls").isNull()) {
      parallel = CompletionRequestParser.optionalBoolean(root, "parallel_tool_calls");
    }
    if (definitions.isEmpty() && toolChoice == null && parallel == null) {
      return null; // Only MCP servers: no client functions to offer.
    }
    return new AgentTools(List.copyOf(definitions), toolChoice, parallel);
  }

  private static ToolDefinition definition(JsonNode tool, String param) {
    if (!tool.isObject()) {
      throw OpenAiException.invalid(param, "'" + param + "' must be an object");
    }
    String type = tool.path("type").asText("");
    if (!"function".equals(type)) {
      throw OpenAiException.invalidValue(
          param + ".type",
          "Only tools of type 'function' or 'mcp' are supported (got '" + type + "')");
    }
    JsonNode function = tool.path("function");
    String name = function.path("name").asText("");
    if (!function.path("name").isTextual() || !NAME.matcher(name).matches()) {
      throw OpenAiException.invalid(
          param + ".function.name",
          "'" + param + ".function.name' must be 1-64 letters, digits, '_' or '-'");
    }
    JsonNode parameters = function.get("parameters");
    if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
      throw OpenAiException.invalid(
          param + ".function.parameters", "'parameters' must be a JSON schema object");
    }
    JsonNode description = function.get("description");
    JsonNode strict = function.get("strict");
    return new ToolDefinition(
        name,
        description != null && description.isTextual() ? description.asText() : null,
        parameters == null || parameters.isNull() ? null : parameters.toString(),
        strict != null && strict.isBoolean() ? strict.booleanValue() : null);
  }

  private static String toolChoice(JsonNode choice, Set<String> names) {
    if (choice == null || choice.isNull()) {
      return null;
    }
    if (choice.isTextual()) {
      String value = choice.asText();
      if (!Set.of("auto", "none", "required").contains(value)) {
        throw OpenAiException.invalidValue(
            "tool_choice", "'tool_choice' must be auto, none, required or a named function");
      }
      return choice.toString();
    }
    String name = choice.path("function").path("name").asText(null);
    if (!choice.isObject() || !"function".equals(choice.path("type").asText()) || name == null) {
      throw OpenAiException.invalid(
          "tool_choice",
          "'tool_choice' object must be {\"type\":\"function\",\"function\":{\"name\":...}}");
    }
    if (!names.contains(name)) {
      throw OpenAiException.invalidValue(
          "tool_choice", "'tool_choice' names '" + name + "', which is not among the tools");
    }
    return choice.toString();
  }

  private static void rejectOrphan(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value != null && !value.isNull() && !"\"none\"".equals(value.toString())) {
      throw OpenAiException.invalid(field, "'" + field + "' is only allowed when 'tools' is given");
    }
  }
}
