package dev.coracle.api.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /v1/messages} and {@code /v1/messages/count_tokens}. Fields coracle has
 * no use for ({@code metadata}, {@code thinking}, {@code context_management}, {@code service_tier},
 * {@code container}, {@code mcp_servers}, ...) are tolerated and dropped; {@code output_config} is
 * kept for its structured-output {@code format}.
 */
record MessagesRequest(
    String model,
    @JsonProperty("max_tokens") Integer maxTokens,
    List<InputMessage> messages,
    MessageContent system,
    @JsonProperty("stop_sequences") List<String> stopSequences,
    Boolean stream,
    Double temperature,
    @JsonProperty("top_p") Double topP,
    @JsonProperty("top_k") Integer topK,
    List<ToolSpec> tools,
    @JsonProperty("tool_choice") ToolChoice toolChoice,
    @JsonProperty("output_config") OutputConfig outputConfig) {

  boolean streamed() {
    return Boolean.TRUE.equals(stream);
  }

  /**
   * Anthropic's {@code output_config}; only its {@code format} (a JSON schema the answer must
   * follow) reaches the model. {@code effort} has no counterpart upstream and is dropped.
   */
  record OutputConfig(JsonNode format) {}
}
