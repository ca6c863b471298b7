package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.coracle.api.openai.StrictScalars;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/chat/completions} as OpenAI defines it. Reading it checks only JSON
 * types; {@link ChatCompletionConversion} checks values and builds the internal request. Fields
 * coracle does not use (user, metadata, penalties, logit_bias) are ignored, as OpenAI ignores
 * unknown ones.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCompletionRequest(
    @JsonDeserialize(using = StrictScalars.Text.class) String model,
    List<Message> messages,
    List<Tool> tools,
    ToolChoice toolChoice,
    @JsonDeserialize(using = StrictScalars.Flag.class) Boolean parallelToolCalls,
    @JsonDeserialize(using = StrictScalars.WholeNumber.class) Integer n,
    @JsonDeserialize(using = StrictScalars.Flag.class) Boolean stream,
    StreamOptions streamOptions,
    @JsonDeserialize(using = StrictScalars.WholeNumber.class) Integer maxCompletionTokens,
    @JsonDeserialize(using = StrictScalars.WholeNumber.class) Integer maxTokens,
    @JsonDeserialize(using = StrictScalars.Decimal.class) Double temperature,
    @JsonDeserialize(using = StrictScalars.Decimal.class) Double topP,
    @JsonDeserialize(using = StopSequences.class) List<String> stop,
    @JsonDeserialize(using = StrictScalars.WholeNumber.class) Integer seed,
    ResponseFormat responseFormat) {

  /** One entry of {@code messages}; which fields apply depends on the role. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Message(
      @JsonDeserialize(using = StrictScalars.Text.class) String role,
      MessageContent content,
      @JsonDeserialize(using = StrictScalars.Text.class) String name,
      List<AssistantToolCall> toolCalls,
      @JsonDeserialize(using = StrictScalars.Text.class) String toolCallId) {}

  /** A tool call in an earlier assistant turn, sent back by an agent. */
  public record AssistantToolCall(
      @JsonDeserialize(using = StrictScalars.Text.class) String id, CalledFunction function) {}

  /**
   * @param arguments JSON text as OpenAI sends it; a client that sends a JSON object instead is
   *     understood too
   */
  public record CalledFunction(
      @JsonDeserialize(using = StrictScalars.Text.class) String name, JsonNode arguments) {}

  /**
   * One entry of {@code tools}: a client function ({@code type: function}) or an MCP server coracle
   * calls itself ({@code type: mcp}).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Tool(
      @JsonDeserialize(using = StrictScalars.Text.class) String type,
      FunctionDefinition function,
      @JsonDeserialize(using = StrictScalars.Text.class) String serverLabel,
      @JsonDeserialize(using = StrictScalars.Text.class) String serverUrl,
      @JsonDeserialize(contentUsing = StrictScalars.Text.class) List<String> allowedTools,
      @JsonDeserialize(contentUsing = StrictScalars.Text.class) Map<String, String> headers) {}

  /**
   * A client function. {@code description} and {@code strict} of another type are ignored rather
   * than refused, as they always were; the schema is passed to the model as the client wrote it.
   */
  public record FunctionDefinition(
      @JsonDeserialize(using = StrictScalars.Text.class) String name,
      JsonNode description,
      JsonNode parameters,
      JsonNode strict) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record StreamOptions(
      @JsonDeserialize(using = StrictScalars.Flag.class) Boolean includeUsage) {}

  /**
   * {@code text}, {@code json_object}, or {@code json_schema} with {@code {name, schema}}.
   *
   * @param jsonSchema kept as a tree: the model receives it as the client wrote it
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ResponseFormat(
      @JsonDeserialize(using = StrictScalars.Text.class) String type, JsonNode jsonSchema) {}
}
