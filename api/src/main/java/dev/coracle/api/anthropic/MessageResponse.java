package dev.coracle.api.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code POST /v1/messages}, and the {@code message} of a stream's {@code
 * message_start} (then with no content and no stop reason yet).
 *
 * @param model the model name as the client sent it
 */
record MessageResponse(
    String id,
    String type,
    String role,
    String model,
    List<OutputBlock> content,
    @JsonProperty("stop_reason") String stopReason,
    @JsonProperty("stop_sequence") String stopSequence,
    MessageUsage usage) {

  MessageResponse(
      String id, String model, List<OutputBlock> content, String stopReason, MessageUsage usage) {
    this(id, "message", "assistant", model, content, stopReason, null, usage);
  }
}
