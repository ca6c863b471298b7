package dev.coracle.api.responses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code text} parameter: how the answer's text is shaped.
 *
 * @param verbosity accepted and echoed; the internal call has no such setting
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextConfig(Format format, String verbosity) {

  /**
   * {@code {"type":"text"}}, {@code {"type":"json_object"}} or {@code {"type":"json_schema",
   * "name", "schema", "strict"}}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Format(
      String type, String name, String description, JsonNode schema, Boolean strict) {}
}
