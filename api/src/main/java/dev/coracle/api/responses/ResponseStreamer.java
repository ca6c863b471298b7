package dev.coracle.api.responses;

import dev.coracle.api.chat.ChatFailures;
import dev.coracle.api.chat.ChatJobAnswers;
import dev.coracle.api.chat.ChatRunner;
import dev.coracle.api.chat.ChatStream;
import dev.coracle.api.chat.StreamPiece;
import dev.coracle.api.openai.OpenAiError;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The events of one streamed response: {@code response.created} and {@code response.in_progress};
 * for each output item, {@code output_item.added}, its deltas and its closing events, then {@code
 * output_item.done}; finally {@code response.completed} with usage. A failure after the first token
 * ends the stream with {@code response.failed}. One instance serves one stream: it keeps the items
 * sent so far, in order, and the next sequence number.
 */
final class ResponseStreamer {
  private final ResponseBuilder builder;
  private final ChatJobAnswers jobs;
  private final Function<ResponseObject, Mono<ResponseObject>> finish;
  private final List<Item> output = new ArrayList<>();
  private int sequence;
  private OpenItem open;

  /**
   * @param finish what happens to the finished response before {@code response.completed} is sent
   *     (it is stored there); it completes with the response to send
   */
  ResponseStreamer(
      ResponseBuilder builder,
      ChatJobAnswers jobs,
      Function<ResponseObject, Mono<ResponseObject>> finish) {
    this.builder = builder;
    this.jobs = jobs;
    this.finish = finish;
  }

  /** The item being streamed: the answer's text, or one call's arguments. */
  private static final class OpenItem {
    final int outputIndex;
    final String callId;
    final String upstreamName;
    final StringBuilder text = new StringBuilder();

    OpenItem(int outputIndex, String callId, String upstreamName) {
      this.outputIndex = outputIndex;
      this.callId = callId;
      this.upstreamName = upstreamName;
    }

    boolean isMessage() {
      return callId == null;
    }
  }

  Flux<StreamEvent> events(ChatRunner.LiveChat live) {
    ChatStream stream = live.stream();
    return Flux.concat(
            Flux.defer(
                () ->
                    Flux.just(
                        lifecycle("response.created", builder.started()),
                        lifecycle("response.in_progress", builder.started()))),
            stream.pieces().concatMapIterable(this::onPiece),
            Mono.fromFuture(live.result()).flatMapMany(result -> ending(result, stream)))
        .onErrorResume(failure -> Flux.just(failed(failure, live.workflowId())));
  }

  /** After the live pieces: a coding job's progress, what the result adds, and the close. */
  private Flux<StreamEvent> ending(ChatResult result, ChatStream stream) {
    Flux<StreamEvent> progress =
        result.jobId() == null
            ? Flux.empty()
            : jobs.progress(result.jobId()).concatMapIterable(line -> text(line));
    return progress.concatWith(
        Flux.defer(
            () -> {
              List<StreamEvent> events = new ArrayList<>(missing(result, stream));
              events.addAll(close());
              return Flux.fromIterable(events)
                  .concatWith(
                      finish
                          .apply(builder.finished(result, List.copyOf(output)))
                          .map(done -> lifecycle("response.completed", done)));
            }));
  }

  /**
   * Text and calls of the durable result that did not come through this process (another worker, a
   * repeated idempotent request), sent now.
   */
  private List<StreamEvent> missing(ChatResult result, ChatStream stream) {
    List<StreamEvent> events = new ArrayList<>();
    String sent = stream.sentText();
    String content = result.content() == null ? "" : result.content();
    if (content.startsWith(sent) && content.length() > sent.length()) {
      events.addAll(text(content.substring(sent.length())));
    }
    if (!stream.toolCallsSent()) {
      for (ToolCall call : result.toolCallsOrEmpty()) {
        events.addAll(openCall(call.id(), call.name()));
        events.addAll(arguments(call.arguments()));
      }
    }
    return events;
  }

  private List<StreamEvent> onPiece(StreamPiece piece) {
    if (piece instanceof StreamPiece.Text text) {
      return text(text.text());
    }
    StreamPiece.ToolCallPiece call = (StreamPiece.ToolCallPiece) piece;
    List<StreamEvent> events = new ArrayList<>();
    if (call.id() != null || open == null || open.isMessage()) {
      String id =
          call.id() != null ? call.id() : "call_" + builder.messageId() + "_" + call.index();
      events.addAll(openCall(id, call.name()));
    }
    events.addAll(arguments(call.argumentsFragment()));
    return events;
  }

  private List<StreamEvent> text(String delta) {
    List<StreamEvent> events = new ArrayList<>();
    if (open == null || !open.isMessage()) {
      events.addAll(close());
      open = new OpenItem(output.size(), null, null);
      Item.Message added = builder.message(null, ResponseObject.IN_PROGRESS);
      events.add(itemEvent("response.output_item.added", added));
      events.add(partEvent("response.content_part.added", ""));
    }
    open.text.append(delta);
    events.add(
        new StreamEvent.TextDelta(
            "response.output_text.delta",
            sequence++,
            builder.messageId(),
            open.outputIndex,
            0,
            delta,
            List.of()));
    return events;
  }

  private List<StreamEvent> openCall(String callId, String upstreamName) {
    List<StreamEvent> events = new ArrayList<>(close());
    open = new OpenItem(output.size(), callId, upstreamName);
    events.add(
        itemEvent(
            "response.output_item.added",
            builder.call(callId, upstreamName, "", ResponseObject.IN_PROGRESS)));
    return events;
  }

  private List<StreamEvent> arguments(String fragment) {
    if (fragment == null || fragment.isEmpty()) {
      return List.of();
    }
    open.text.append(fragment);
    if (builder.call(open.callId, open.upstreamName, "", null) instanceof Item.CustomToolCall) {
      return List.of(); // A custom tool's input is sent whole, with its item.
    }
    return List.of(
        new StreamEvent.ArgumentsDelta(
            "response.function_call_arguments.delta",
            sequence++,
            ResponseBuilder.callItemId(open.callId),
            open.outputIndex,
            fragment));
  }

  /** The closing events of the open item, which then joins the output. */
  private List<StreamEvent> close() {
    if (open == null) {
      return List.of();
    }
    List<StreamEvent> events = new ArrayList<>();
    String text = open.text.toString();
    Item done;
    if (open.isMessage()) {
      events.add(
          new StreamEvent.TextDone(
              "response.output_text.done",
              sequence++,
              builder.messageId(),
              open.outputIndex,
              0,
              text,
              List.of()));
      events.add(partEvent("response.content_part.done", text));
      done = builder.message(text, ResponseObject.COMPLETED);
    } else {
      done = builder.call(open.callId, open.upstreamName, text, ResponseObject.COMPLETED);
      if (done instanceof Item.FunctionCall) {
        events.add(
            new StreamEvent.ArgumentsDone(
                "response.function_call_arguments.done",
                sequence++,
                ResponseBuilder.callItemId(open.callId),
                open.outputIndex,
                text));
      }
    }
    events.add(itemEvent("response.output_item.done", done));
    output.add(done);
    open = null;
    return events;
  }

  private StreamEvent itemEvent(String type, Item item) {
    return new StreamEvent.OutputItem(type, sequence++, open.outputIndex, item);
  }

  private StreamEvent partEvent(String type, String text) {
    return new StreamEvent.ContentPartEvent(
        type, sequence++, builder.messageId(), open.outputIndex, 0, ContentPart.outputText(text));
  }

  private StreamEvent lifecycle(String type, ResponseObject response) {
    return new StreamEvent.Lifecycle(type, sequence++, response);
  }

  /**
   * The stream's last event when the chat failed after the first token: the response as far as it
   * got, failed, with the error's code and message.
   */
  private StreamEvent failed(Throwable failure, String workflowId) {
    OpenAiError error = ChatFailures.toOpenAi(failure, workflowId).toError();
    List<Item> sofar = new ArrayList<>(output);
    ResponseObject response =
        builder
            .started()
            .with(
                ResponseObject.FAILED,
                sofar,
                null,
                new ResponseError(
                    error.code() == null ? "server_error" : error.code(), error.message()),
                null);
    return lifecycle("response.failed", response);
  }
}
