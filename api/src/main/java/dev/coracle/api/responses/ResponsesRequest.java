package dev.coracle.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The body of {@code POST /v1/responses} as the client sent it. Fields coracle has no use for are
 * still read (so they can be echoed in the response object) or tolerated unread.
 *
 * @param input a string, or an array of {@link Item}s; read by {@link Conversation}
 * @param toolChoice {@code "auto"}, {@code "none"}, {@code "required"} or an object naming a tool
 * @param reasoning accepted and echoed; the internal call has no reasoning settings
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResponsesRequest(
    String model,
    JsonNode input,
    String instructions,
    List<ResponseTool> tools,
    JsonNode toolChoice,
    Boolean parallelToolCalls,
    TextConfig text,
    Integer maxOutputTokens,
    Double temperature,
    Double topP,
    Boolean stream,
    Boolean store,
    String previousResponseId,
    JsonNode reasoning,
    List<String> include,
    String promptCacheKey,
    JsonNode clientMetadata,
    JsonNode metadata,
    String user,
    String truncation,
    String serviceTier) {

  /** OpenAI stores responses unless told not to. */
  public boolean stored() {
    return store == null || store;
  }

  public boolean streamed() {
    return stream != null && stream;
  }

  public List<ResponseTool> toolsOrEmpty() {
    return tools == null ? List.of() : tools;
  }
}
