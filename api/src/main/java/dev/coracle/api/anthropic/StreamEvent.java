package dev.coracle.api.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The events of a streamed message, each sent as {@code event: <type>} with the record as its
 * {@code data}.
 */
sealed interface StreamEvent {

  /** The event's name, which is also its {@code type} field. */
  String type();

  record MessageStart(String type, MessageResponse message) implements StreamEvent {
    MessageStart(MessageResponse message) {
      this("message_start", message);
    }
  }

  record ContentBlockStart(
      String type, int index, @JsonProperty("content_block") OutputBlock contentBlock)
      implements StreamEvent {
    ContentBlockStart(int index, OutputBlock contentBlock) {
      this("content_block_start", index, contentBlock);
    }
  }

  record ContentBlockDelta(String type, int index, Delta delta) implements StreamEvent {
    ContentBlockDelta(int index, Delta delta) {
      this("content_block_delta", index, delta);
    }
  }

  record ContentBlockStop(String type, int index) implements StreamEvent {
    ContentBlockStop(int index) {
      this("content_block_stop", index);
    }
  }

  record MessageDelta(String type, StopDelta delta, MessageUsage usage) implements StreamEvent {
    MessageDelta(String stopReason, MessageUsage usage) {
      this("message_delta", new StopDelta(stopReason, null), usage);
    }
  }

  record MessageStop(String type) implements StreamEvent {
    MessageStop() {
      this("message_stop");
    }
  }

  record Ping(String type) implements StreamEvent {
    Ping() {
      this("ping");
    }
  }

  /** A failure after the stream began: the HTTP status has already been sent as 200. */
  record Error(String type, AnthropicError error) implements StreamEvent {
    Error(AnthropicError error) {
      this("error", error);
    }
  }

  /** More of one content block: text, or more of a tool call's input JSON. */
  sealed interface Delta {
    String type();
  }

  record TextDelta(String type, String text) implements Delta {
    TextDelta(String text) {
      this("text_delta", text);
    }
  }

  record InputJsonDelta(String type, @JsonProperty("partial_json") String partialJson)
      implements Delta {
    InputJsonDelta(String partialJson) {
      this("input_json_delta", partialJson);
    }
  }

  record StopDelta(
      @JsonProperty("stop_reason") String stopReason,
      @JsonProperty("stop_sequence") String stopSequence) {}
}
