package dev.coracle.api.responses;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The server-sent events of a streamed response, in OpenAI's shapes. Each carries its {@code type}
 * (also sent as the SSE event name) and a {@code sequence_number} counting from 0 in the order
 * sent.
 */
public sealed interface StreamEvent {

  String type();

  int sequenceNumber();

  /** {@code response.created}, {@code response.in_progress}, {@code response.completed}, … */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Lifecycle(String type, int sequenceNumber, ResponseObject response)
      implements StreamEvent {}

  /** {@code response.output_item.added} and {@code response.output_item.done}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record OutputItem(String type, int sequenceNumber, int outputIndex, Item item)
      implements StreamEvent {}

  /** {@code response.content_part.added} and {@code response.content_part.done}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ContentPartEvent(
      String type,
      int sequenceNumber,
      String itemId,
      int outputIndex,
      int contentIndex,
      ContentPart part)
      implements StreamEvent {}

  /** {@code response.output_text.delta}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record TextDelta(
      String type,
      int sequenceNumber,
      String itemId,
      int outputIndex,
      int contentIndex,
      String delta,
      List<Object> logprobs)
      implements StreamEvent {}

  /** {@code response.output_text.done}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record TextDone(
      String type,
      int sequenceNumber,
      String itemId,
      int outputIndex,
      int contentIndex,
      String text,
      List<Object> logprobs)
      implements StreamEvent {}

  /** {@code response.function_call_arguments.delta}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ArgumentsDelta(
      String type, int sequenceNumber, String itemId, int outputIndex, String delta)
      implements StreamEvent {}

  /** {@code response.function_call_arguments.done}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ArgumentsDone(
      String type, int sequenceNumber, String itemId, int outputIndex, String arguments)
      implements StreamEvent {}
}
