package dev.coracle.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The response object, as {@code POST /v1/responses} returns it, the stream's lifecycle events
 * carry it and {@code GET /v1/responses/{id}} reads it back. Null fields are written: OpenAI sends
 * them, and clients read {@code "error": null} as "no error".
 *
 * @param status {@code in_progress}, {@code completed}, {@code incomplete} or {@code failed}
 * @param usage null until the response has completed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResponseObject(
    String id,
    String object,
    long createdAt,
    String status,
    ResponseError error,
    IncompleteDetails incompleteDetails,
    String instructions,
    Integer maxOutputTokens,
    String model,
    List<Item> output,
    boolean parallelToolCalls,
    String previousResponseId,
    JsonNode reasoning,
    boolean store,
    Double temperature,
    TextConfig text,
    JsonNode toolChoice,
    List<ResponseTool> tools,
    Double topP,
    String truncation,
    ResponseUsage usage,
    String user,
    JsonNode metadata,
    String promptCacheKey,
    String serviceTier) {

  public static final String IN_PROGRESS = "in_progress";
  public static final String COMPLETED = "completed";
  public static final String INCOMPLETE = "incomplete";
  public static final String FAILED = "failed";

  /** Why a response is incomplete: {@code max_output_tokens} or {@code content_filter}. */
  public record IncompleteDetails(String reason) {}

  /** The same response in another state, with its output, usage and error so far. */
  public ResponseObject with(
      String newStatus,
      List<Item> newOutput,
      ResponseUsage newUsage,
      ResponseError newError,
      IncompleteDetails details) {
    return new ResponseObject(
        id,
        object,
        createdAt,
        newStatus,
        newError,
        details,
        instructions,
        maxOutputTokens,
        model,
        newOutput,
        parallelToolCalls,
        previousResponseId,
        reasoning,
        store,
        temperature,
        text,
        toolChoice,
        tools,
        topP,
        truncation,
        newUsage,
        user,
        metadata,
        promptCacheKey,
        serviceTier);
  }
}
