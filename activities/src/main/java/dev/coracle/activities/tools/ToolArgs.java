package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.coracle.activities.json.CoracleJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tool call's arguments, leniently where models are sloppy (a number or boolean written as
 * a string) and with a message the model can act on where they are wrong.
 */
public final class ToolArgs {

  private static final ObjectMapper JSON = CoracleJson.mapper();

  private final String tool;
  private final JsonNode args;

  public ToolArgs(String tool, JsonNode args) {
    this.tool = tool;
    this.args = args;
  }

  /** Parses the arguments as the model wrote them; nothing at all means no arguments. */
  static JsonNode parse(String tool, String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(arguments);
    } catch (Exception e) {
      throw new ToolException(
          "The arguments of " + tool + " are not valid JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new ToolException("The arguments of " + tool + " must be a JSON object.");
    }
    return node;
  }

  public String requiredString(String name) {
    JsonNode value = args.get(name);
    if (value == null || value.isNull()) {
      throw new ToolException(tool + " needs the argument \"" + name + "\" (a string).");
    }
    if (!value.isValueNode()) {
      throw new ToolException("The argument \"" + name + "\" of " + tool + " must be a string.");
    }
    return value.asText();
  }

  public String string(String name, String otherwise) {
    JsonNode value = args.get(name);
    return value == null || value.isNull() ? otherwise : requiredString(name);
  }

  /** A list of strings; a single string is a list of one, as models often write it. */
  public List<String> strings(String name) {
    JsonNode value = args.get(name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isValueNode()) {
      return List.of(value.asText());
    }
    List<String> strings = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isValueNode() || item.isNull()) {
        throw new ToolException(
            "The argument \"" + name + "\" of " + tool + " must be a list of strings.");
      }
      strings.add(item.asText());
    }
    return strings;
  }

  public int integer(String name, int otherwise) {
    JsonNode value = args.get(name);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (value.canConvertToInt() && value.isIntegralNumber()) {
      return value.intValue();
    }
    try {
      return Integer.parseInt(value.asText().trim());
    } catch (NumberFormatException e) {
      throw new ToolException(
          "The argument \"" + name + "\" of " + tool + " must be a whole number; got " + value);
    }
  }

  public boolean bool(String name, boolean otherwise) {
    JsonNode value = args.get(name);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    String text = value.asText().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ToolException(
        "The argument \"" + name + "\" of " + tool + " must be true or false; got " + value);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
