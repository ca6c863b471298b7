package dev.coracle.api.responses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A tool as a Responses client offers it. The one record covers every kind, told apart by {@code
 * type}: {@code function} (name, description, parameters, strict), {@code namespace} (name,
 * description and its own {@code tools}), {@code custom} (name, description, {@code format}), and
 * hosted kinds such as {@code web_search}, which carry settings coracle does not read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseTool(
    String type,
    String name,
    String description,
    JsonNode parameters,
    Boolean strict,
    List<ResponseTool> tools,
    JsonNode format) {

  public static final String FUNCTION = "function";
  public static final String NAMESPACE = "namespace";
  public static final String CUSTOM = "custom";
}
