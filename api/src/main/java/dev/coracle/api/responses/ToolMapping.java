package dev.coracle.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The client's tools as the upstream can take them: plain functions. Function tools pass through; a
 * {@code namespace}'s functions become functions named {@code <namespace>__<name>}; a {@code
 * custom} (freeform) tool becomes a function with one string parameter, {@code input}. Every other
 * kind (hosted {@code web_search}, {@code file_search}, {@code local_shell}, …) runs at OpenAI or
 * needs its own output item, so it is dropped, and {@link #dropped()} says why for the audit log. A
 * tool kind never fails the request.
 *
 * <p>The mapping also turns the model's calls back into what the client offered: the function's own
 * name and namespace, or a custom tool call with its raw input.
 */
final class ToolMapping {
  /** OpenAI's rule for function names, which upstreams enforce too. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  static final String NAMESPACE_SEPARATOR = "__";

  /** What a function offered to the upstream stands for on the client's side. */
  record ClientTool(String name, String namespace, boolean custom) {}

  private final Map<String, ClientTool> byUpstreamName = new LinkedHashMap<>();
  private final List<ToolDefinition> definitions = new ArrayList<>();
  private final List<String> dropped = new ArrayList<>();

  private ToolMapping() {}

  static ToolMapping of(List<ResponseTool> tools) {
    ToolMapping mapping = new ToolMapping();
    for (int i = 0; i < tools.size(); i++) {
      mapping.add(tools.get(i), null, null, "tools[" + i + "]");
    }
    return mapping;
  }

  private void add(ResponseTool tool, String namespace, String namespaceNote, String param) {
    if (tool == null) {
      throw OpenAiException.invalid(param, "'" + param + "' must be an object");
    }
    if (tool.type() == null) {
      throw OpenAiException.invalid(param + ".type", "Missing required parameter: 'type'");
    }
    switch (tool.type()) {
      case ResponseTool.FUNCTION ->
          offer(tool, namespace, false, parameters(tool, param), namespaceNote, param);
      case ResponseTool.CUSTOM ->
          offer(tool, namespace, true, customInput(tool), namespaceNote, param);
      case ResponseTool.NAMESPACE -> addNamespace(tool, namespace, param);
      default ->
          dropped.add(
              tool.type()
                  + (tool.name() == null ? "" : " " + tool.name())
                  + ": a hosted or built-in tool kind that coracle's upstreams cannot run");
    }
  }

  private void addNamespace(ResponseTool tool, String outer, String param) {
    requireName(tool, param);
    if (outer != null || tool.tools() == null) {
      dropped.add("namespace " + tool.name() + ": nested or without tools");
      return;
    }
    for (int i = 0; i < tool.tools().size(); i++) {
      add(tool.tools().get(i), tool.name(), tool.description(), param + ".tools[" + i + "]");
    }
  }

  private void offer(
      ResponseTool tool,
      String namespace,
      boolean custom,
      String parameters,
      String namespaceNote,
      String param) {
    requireName(tool, param);
    String upstream =
        namespace == null ? tool.name() : namespace + NAMESPACE_SEPARATOR + tool.name();
    if (!NAME.matcher(upstream).matches() || byUpstreamName.containsKey(upstream)) {
      dropped.add(
          tool.type()
              + " "
              + upstream
              + ": the name is not a valid function name or is used twice");
      return;
    }
    String description = tool.description();
    if (namespaceNote != null && !namespaceNote.isBlank()) {
      description =
          "[" + namespace + ": " + namespaceNote + "] " + (description == null ? "" : description);
    }
    byUpstreamName.put(upstream, new ClientTool(tool.name(), namespace, custom));
    definitions.add(
        new ToolDefinition(upstream, description, parameters, custom ? null : tool.strict()));
  }

  private static void requireName(ResponseTool tool, String param) {
    if (tool.name() == null || tool.name().isBlank()) {
      throw OpenAiException.invalid(param + ".name", "Missing required parameter: 'name'");
    }
  }

  private static String parameters(ResponseTool tool, String param) {
    JsonNode parameters = tool.parameters();
    if (parameters == null || parameters.isNull()) {
      return null;
    }
    if (!parameters.isObject()) {
      throw OpenAiException.invalid(
          param + ".parameters", "'parameters' must be a JSON schema object");
    }
    return parameters.toString();
  }

  /** A freeform tool as a function: its whole input is one string. */
  private static String customInput(ResponseTool tool) {
    ObjectNode schema = CoracleJson.mapper().createObjectNode().put("type", "object");
    ObjectNode input = schema.putObject("properties").putObject("input").put("type", "string");
    JsonNode format = tool.format();
    if (format != null && format.path("definition").isTextual()) {
      input.put(
          "description",
          "Text in this "
              + format.path("syntax").asText("grammar")
              + " grammar:\n"
              + format.path("definition").asText());
    }
    schema.putArray("required").add("input");
    schema.put("additionalProperties", false);
    return schema.toString();
  }

  /** The tools for the internal call, or null when none is left. */
  AgentTools agentTools(JsonNode toolChoice, Boolean parallelToolCalls) {
    String choice = toolChoice(toolChoice);
    if (definitions.isEmpty()) {
      return null;
    }
    return new AgentTools(List.copyOf(definitions), choice, parallelToolCalls);
  }

  /**
   * {@code tool_choice} in the internal (chat completions) form. A choice naming a tool that was
   * dropped, or a hosted kind, becomes {@code "auto"}: the tool is not there to force.
   */
  private String toolChoice(JsonNode choice) {
    if (choice == null || choice.isNull()) {
      return null;
    }
    if (choice.isTextual()) {
      String value = choice.asText();
      if (!List.of("auto", "none", "required").contains(value)) {
        throw OpenAiException.invalidValue(
            "tool_choice", "'tool_choice' must be auto, none, required or an object naming a tool");
      }
      return choice.toString();
    }
    if (!choice.isObject()) {
      throw OpenAiException.invalid("tool_choice", "'tool_choice' must be a string or an object");
    }
    String name = choice.path("name").asText(null);
    String namespace = choice.path("namespace").asText(null);
    String upstream =
        name == null ? null : namespace == null ? name : namespace + NAMESPACE_SEPARATOR + name;
    if (upstream == null || !byUpstreamName.containsKey(upstream)) {
      dropped.add("tool_choice " + choice + ": names no tool offered upstream, so it is auto");
      return "\"auto\"";
    }
    ObjectNode forced = CoracleJson.mapper().createObjectNode().put("type", "function");
    forced.putObject("function").put("name", upstream);
    return forced.toString();
  }

  /** Why tools were left out, one line each; empty when every tool went through. */
  List<String> dropped() {
    return List.copyOf(dropped);
  }

  /** What the client offered under the name the upstream called; a plain function if unknown. */
  ClientTool clientTool(String upstreamName) {
    ClientTool known = byUpstreamName.get(upstreamName);
    return known != null ? known : new ClientTool(upstreamName, null, false);
  }

  /** The name the upstream knows a client's function (or custom tool) by. */
  static String upstreamName(String name, String namespace) {
    return namespace == null || namespace.isBlank() ? name : namespace + NAMESPACE_SEPARATOR + name;
  }
}
