package dev.coracle.api.anthropic;

import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.chat.StreamPiece;
import dev.coracle.workflows.chat.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes a streamed answer's pieces into Anthropic's content blocks. Blocks are numbered in the
 * order they start and one is open at a time: text goes to an open text block, or starts one; the
 * first piece of a tool call starts a {@code tool_use} block whose input then arrives as {@code
 * input_json_delta}s. Starting a block stops the one before it. Pieces arrive one at a time, in
 * order, so this needs no locking.
 */
final class ContentBlocks {
  private final String workflowId;
  private final Map<Integer, Integer> blockOfToolCall = new HashMap<>();
  private int nextIndex;
  private int openIndex = -1;
  private boolean openIsText;

  ContentBlocks(String workflowId) {
    this.workflowId = workflowId;
  }

  List<StreamEvent> onPiece(StreamPiece piece) {
    if (piece instanceof StreamPiece.Text text) {
      return text(text.text());
    }
    StreamPiece.ToolCallPiece call = (StreamPiece.ToolCallPiece) piece;
    List<StreamEvent> events = new ArrayList<>();
    Integer block = blockOfToolCall.get(call.index());
    if (block == null) {
      block = start(events, toolUse(call.index(), call.id(), call.name()), false);
      blockOfToolCall.put(call.index(), block);
    }
    if (!call.argumentsFragment().isEmpty()) {
      events.add(
          new StreamEvent.ContentBlockDelta(
              block, new StreamEvent.InputJsonDelta(call.argumentsFragment())));
    }
    return events;
  }

  /** Text, in the open text block or a new one. */
  List<StreamEvent> text(String text) {
    List<StreamEvent> events = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return events;
    }
    if (openIndex < 0 || !openIsText) {
      start(events, new OutputBlock.Text(""), true);
    }
    events.add(new StreamEvent.ContentBlockDelta(openIndex, new StreamEvent.TextDelta(text)));
    return events;
  }

  /** A tool call the durable result holds but that did not stream: a whole block at once. */
  List<StreamEvent> wholeToolCall(int callIndex, ToolCall call) {
    List<StreamEvent> events = new ArrayList<>();
    int block = start(events, toolUse(callIndex, call.id(), call.name()), false);
    String input = Answers.input(call.arguments()).toString();
    events.add(new StreamEvent.ContentBlockDelta(block, new StreamEvent.InputJsonDelta(input)));
    return events;
  }

  /** Stops the open block, if any. */
  List<StreamEvent> closeOpen() {
    List<StreamEvent> events = new ArrayList<>();
    if (openIndex >= 0) {
      events.add(new StreamEvent.ContentBlockStop(openIndex));
      openIndex = -1;
    }
    return events;
  }

  private int start(List<StreamEvent> events, OutputBlock block, boolean isText) {
    events.addAll(closeOpen());
    int index = nextIndex++;
    events.add(new StreamEvent.ContentBlockStart(index, block));
    openIndex = index;
    openIsText = isText;
    return index;
  }

  /** A {@code tool_use} block as it starts: its input arrives in deltas. */
  private OutputBlock.ToolUse toolUse(int callIndex, String id, String name) {
    return new OutputBlock.ToolUse(
        Answers.toolUseId(workflowId, callIndex, id),
        name,
        CoracleJson.mapper().createObjectNode());
  }
}
