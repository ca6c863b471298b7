package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the function {@code tools}, {@code tool_choice} and {@code parallel_tool_calls}; the
 * {@code mcp} entries are {@link McpServerConversion}'s. Schemas are passed through to the model as
 * the client wrote them.
 */
final class ToolConversion {
  /** OpenAI's rule for function names. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private static final Set<String> MODES = Set.of("auto", "none", "required");

  private ToolConversion() {}

  /** The agent tools of a request, or null when it has none. */
  static AgentTools agentTools(ChatCompletionRequest request) {
    List<ChatCompletionRequest.Tool> tools = request.tools();
    if (tools == null || tools.isEmpty()) {
      rejectOrphanChoice(request.toolChoice());
      return null;
    }
    List<ToolDefinition> definitions = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      if (McpServerConversion.isMcp(tools.get(i))) {
        continue; // McpServerConversion checks these.
      }
      ToolDefinition definition = definition(tools.get(i), "tools[" + i + "]");
      if (!names.add(definition.name())) {
        throw OpenAiException.invalidValue(
            "tools[" + i + "].function.name",
            "Tool name '" + definition.name() + "' is used twice");
      }
      definitions.add(definition);
    }
    String toolChoice = toolChoice(request.toolChoice(), names);
    Boolean parallel = request.parallelToolCalls();
    if (definitions.isEmpty() && toolChoice == null && parallel == null) {
      return null; // Only MCP servers: no client functions to offer.
    }
    return new AgentTools(List.copyOf(definitions), toolChoice, parallel);
  }

  private static ToolDefinition definition(ChatCompletionRequest.Tool tool, String param) {
    if (tool == null) {
      throw OpenAiException.invalid(param, "'" + param + "' must be an object");
    }
    String type = tool.type() == null ? "" : tool.type();
    if (!"function".equals(type)) {
      throw OpenAiException.invalidValue(
          param + ".type",
          "Only tools of type 'function' or 'mcp' are supported (got '" + type + "')");
    }
    ChatCompletionRequest.FunctionDefinition function = tool.function();
    String name = function == null ? null : function.name();
    if (name == null || !NAME.matcher(name).matches()) {
      throw OpenAiException.invalid(
          param + ".function.name",
          "'" + param + ".function.name' must be 1-64 letters, digits, '_' or '-'");
    }
    JsonNode parameters = function.parameters();
    boolean noParameters = parameters == null || parameters.isNull();
    if (!noParameters && !parameters.isObject()) {
      throw OpenAiException.invalid(
          param + ".function.parameters", "'parameters' must be a JSON schema object");
    }
    JsonNode description = function.description();
    JsonNode strict = function.strict();
    return new ToolDefinition(
        name,
        description != null && description.isTextual() ? description.asText() : null,
        noParameters ? null : parameters.toString(),
        strict != null && strict.isBoolean() ? strict.booleanValue() : null);
  }

  private static String toolChoice(ToolChoice choice, Set<String> names) {
    if (choice == null) {
      return null;
    }
    if (choice.mode() != null) {
      if (!MODES.contains(choice.mode())) {
        throw OpenAiException.invalidValue(
            "tool_choice", "'tool_choice' must be auto, none, required or a named function");
      }
      return choice.json();
    }
    if (!names.contains(choice.functionName())) {
      throw OpenAiException.invalidValue(
          "tool_choice",
          "'tool_choice' names '" + choice.functionName() + "', which is not among the tools");
    }
    return choice.json();
  }

  private static void rejectOrphanChoice(ToolChoice choice) {
    if (choice != null && !"none".equals(choice.mode())) {
      throw OpenAiException.invalid(
          "tool_choice", "'tool_choice' is only allowed when 'tools' is given");
    }
  }
}
