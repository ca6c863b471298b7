package dev.coracle.api.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiException;
import java.util.Map;

/**
 * {@code output_config.format} (structured outputs: the answer must follow a JSON schema) as the
 * internal, OpenAI-shaped {@code response_format}, so upstreams that take a schema get it.
 */
final class OutputFormat {
  private OutputFormat() {}

  /** The response format as JSON text, or null when the client asked for none. */
  static String responseFormat(MessagesRequest.OutputConfig config) {
    if (config == null || config.format() == null || config.format().isNull()) {
      return null;
    }
    JsonNode format = config.format();
    if (!"json_schema".equals(format.path("type").asText())) {
      throw OpenAiException.invalid(
          "output_config", "output_config.format.type: Input should be 'json_schema'");
    }
    if (!format.path("schema").isObject()) {
      throw OpenAiException.invalid(
          "output_config", "output_config.format.schema: Input should be a JSON schema object");
    }
    Map<String, Object> responseFormat =
        Map.of(
            "type",
            "json_schema",
            "json_schema",
            Map.of("name", "output", "schema", format.get("schema")));
    try {
      return CoracleJson.mapper().writeValueAsString(responseFormat);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a response format is always serializable", e);
    }
  }
}
