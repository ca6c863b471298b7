package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ToolChoice;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Agent mode: the client's tools into LangChain4j, the model's tool calls back out. */
final class ToolMapping {

  private static final String ID_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private ToolMapping() {}

  /**
   * OpenAI's {@code tool_choice}, read from the client's JSON text.
   *
   * @param mode the LangChain4j mode; REQUIRED for a named function, null when unknown or absent
   * @param functions the functions the choice is limited to; empty for all of them
   * @param raw the choice exactly as the client sent it, null when absent
   */
  record Choice(ToolChoice mode, Set<String> functions, JsonNode raw) {

    static final Choice UNSPECIFIED = new Choice(null, Set.of(), null);

    /** True for "auto", "none" and "required", which LangChain4j's enum expresses exactly. */
    boolean isKeyword() {
      return raw != null && raw.isTextual() && mode != null;
    }

    @SuppressWarnings("unchecked")
    Object verbatim() {
      return raw == null || raw.isTextual()
          ? (raw == null ? null : raw.asText())
          : JsonSchemas.JSON.convertValue(raw, Map.class);
    }
  }

  /** True when the client sent at least one tool. */
  static boolean hasTools(AgentTools tools) {
    return tools != null && tools.definitions() != null && !tools.definitions().isEmpty();
  }

  /**
   * Reads {@code tool_choice}. Text that is not JSON is taken as a bare keyword, so {@code auto}
   * works as well as {@code "auto"}.
   *
   * @throws IllegalArgumentException when the choice names a function that is not offered
   */
  static Choice choice(AgentTools tools) {
    String text = tools.toolChoice();
    if (text == null || text.isBlank()) {
      return Choice.UNSPECIFIED;
    }
    JsonNode raw;
    try {
      raw = JsonSchemas.JSON.readTree(text);
    } catch (Exception notJson) {
      raw = TextNode.valueOf(text.trim());
    }
    Choice choice = parse(raw);
    for (String function : choice.functions()) {
      if (tools.definitions().stream().noneMatch(d -> function.equals(d.name()))) {
        throw new IllegalArgumentException(
            "tool_choice names function '" + function + "', which is not among the tools");
      }
    }
    return choice;
  }

  private static Choice parse(JsonNode raw) {
    if (raw.isTextual()) {
      ToolChoice mode =
          switch (raw.asText()) {
            case "auto" -> ToolChoice.AUTO;
            case "none" -> ToolChoice.NONE;
            case "required" -> ToolChoice.REQUIRED;
            default -> null;
          };
      return new Choice(mode, Set.of(), raw);
    }
    if ("allowed_tools".equals(raw.path("type").asText())) {
      JsonNode allowed = raw.path("allowed_tools");
      Set<String> names = new LinkedHashSet<>();
      allowed.path("tools").forEach(t -> names.add(functionName(t)));
      names.remove("");
      ToolChoice mode =
          "required".equals(allowed.path("mode").asText()) ? ToolChoice.REQUIRED : ToolChoice.AUTO;
      return new Choice(mode, Set.copyOf(names), raw);
    }
    String name = functionName(raw);
    return name.isEmpty()
        ? new Choice(null, Set.of(), raw)
        : new Choice(ToolChoice.REQUIRED, Set.of(name), raw);
  }

  /** {@code {"type":"function","function":{"name":...}}}, or the flatter Responses-API shape. */
  private static String functionName(JsonNode tool) {
    return tool.path("function").path("name").asText(tool.path("name").asText(""));
  }

  /**
   * @param inlineDefinitions see {@link JsonSchemas#parameters(String, boolean)}
   * @throws IllegalArgumentException when a tool's parameters are not a JSON object schema
   */
  static List<ToolSpecification> specifications(
      List<ToolDefinition> definitions, boolean inlineDefinitions) {
    return definitions.stream().map(d -> specification(d, inlineDefinitions)).toList();
  }

  private static ToolSpecification specification(ToolDefinition tool, boolean inlineDefinitions) {
    try {
      return ToolSpecification.builder()
          .name(tool.name())
          .description(tool.description())
          .parameters(JsonSchemas.parameters(tool.parameters(), inlineDefinitions))
          .strict(tool.strict())
          .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tool '" + tool.name() + "': " + e.getMessage(), e);
    }
  }

  /**
   * The model's calls as coracle's records. Ids are kept; an upstream that gives none (Ollama
   * before it learned ids) gets fresh ones, because clients match results to calls by id.
   */
  static List<ToolCall> toolCalls(List<ToolExecutionRequest> requests) {
    if (requests == null || requests.isEmpty()) {
      return List.of();
    }
    return requests.stream()
        .map(r -> new ToolCall(idOrNew(r.id()), r.name(), argumentsOrEmpty(r.arguments())))
        .toList();
  }

  /**
   * A call the client sends back on an assistant turn.
   *
   * @param objectArguments the upstream's wire carries arguments as a JSON object (Ollama), so text
   *     that is not one, such as a call cut short by the token limit, is sent as {@code {}}
   */
  static ToolExecutionRequest request(ToolCall call, boolean objectArguments) {
    String arguments = argumentsOrEmpty(call.arguments());
    if (objectArguments && !isJsonObject(arguments)) {
      arguments = "{}";
    }
    return ToolExecutionRequest.builder()
        .id(call.id())
        .name(call.name())
        .arguments(arguments)
        .build();
  }

  static String idOrNew(String id) {
    return id == null || id.isBlank() ? newCallId() : id;
  }

  /** In OpenAI's style: {@code call_} and 24 letters or digits. */
  static String newCallId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder("call_");
    for (int i = 0; i < 24; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }

  private static String argumentsOrEmpty(String arguments) {
    return arguments == null || arguments.isBlank() ? "{}" : arguments;
  }

  private static boolean isJsonObject(String text) {
    try {
      return JsonSchemas.JSON.readTree(text).isObject();
    } catch (Exception e) {
      return false;
    }
  }
}
