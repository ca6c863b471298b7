package dev.coracle.api.responses;

import dev.coracle.api.chat.ChatCall;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated request, ready to run: the internal call, how its tools map back, and the
 * conversation's items so far (a continued response's items first), which the store keeps with the
 * output.
 */
record PreparedResponse(
    ResponsesRequest request, ChatCall call, ToolMapping tools, List<Item> items) {

  /** What the store keeps: the conversation's items followed by this response's output. */
  String itemsWith(List<Item> output) {
    List<Item> all = new ArrayList<>(items);
    all.addAll(output);
    return Conversation.write(all);
  }
}
