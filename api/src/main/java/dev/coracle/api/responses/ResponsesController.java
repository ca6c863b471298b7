package dev.coracle.api.responses;

import dev.coracle.activities.store.ResponseStore;
import dev.coracle.activities.store.StoredResponse;
import dev.coracle.api.chat.ChatFailures;
import dev.coracle.api.chat.ChatRunner;
import dev.coracle.api.chat.ChatService;
import dev.coracle.api.chat.CoracleHeaders;
import dev.coracle.api.chat.DroppedToolsAudit;
import dev.coracle.api.openai.OpenAiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The OpenAI Responses API: {@code POST /v1/responses} runs one chat on the same path as chat
 * completions ({@link ChatRunner}), answered whole or as Responses events; {@code GET
 * /v1/responses/{id}} reads a stored response back. Runs on the blocking pool, as a request may
 * read a stored conversation first.
 */
@Controller("/v1")
public class ResponsesController {
  /** The door's name in the audit log. */
  static final String DOOR = "responses";

  private final ChatRunner runner;
  private final ResponsePreparation preparation;
  private final ResponseStore store;
  private final DroppedToolsAudit droppedTools;

  public ResponsesController(
      ChatRunner runner,
      ResponsePreparation preparation,
      ResponseStore store,
      DroppedToolsAudit droppedTools) {
    this.runner = runner;
    this.preparation = preparation;
    this.store = store;
    this.droppedTools = droppedTools;
  }

  @Post("/responses")
  @Consumes(MediaType.ALL)
  // Codex asks for text/event-stream; the SDKs ask for JSON even when they stream.
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
  @ExecuteOn(TaskExecutors.BLOCKING)
  public Mono<MutableHttpResponse<?>> create(
      @Nullable @Body String body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Nullable @Header("Cache-Control") String cacheControl,
      @Nullable @Header(ChatService.WORKSPACE_HEADER) String workspace,
      @Nullable @Header(ChatService.APPROVE_PLAN_HEADER) String approvePlan) {
    long startedNanos = System.nanoTime();
    PreparedResponse prepared = preparation.prepare(RequestReader.read(body));
    String workflowId = runner.workflowIdFor(idempotencyKey);
    ResponseBuilder builder =
        new ResponseBuilder(
            prepared.request(),
            prepared.tools(),
            ResponseBuilder.responseId(workflowId),
            Instant.now().getEpochSecond());
    ChatService.ChatOptions options =
        ChatService.ChatOptions.from(cacheControl, workspace).withApprovePlan(approvePlan);
    if (prepared.request().streamed()) {
      return stream(prepared, builder, workflowId, options);
    }
    var answer = runner.answer(workflowId, prepared.call(), options);
    auditDropped(prepared, workflowId);
    return Mono.fromFuture(answer)
        .onErrorMap(e -> ChatFailures.toOpenAi(e, workflowId))
        .publishOn(Schedulers.boundedElastic())
        .map(
            result -> {
              ResponseObject response =
                  keep(prepared, builder.finished(result, builder.output(result)));
              return CoracleHeaders.withOverhead(
                      CoracleHeaders.fromResult(
                          HttpResponse.ok(ResponsesJson.write(response)), workflowId, result),
                      result,
                      startedNanos)
                  .contentType(MediaType.APPLICATION_JSON_TYPE);
            });
  }

  @Get("/responses/{id}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public MutableHttpResponse<String> read(@PathVariable String id) {
    StoredResponse stored =
        store
            .find(id)
            .orElseThrow(
                () ->
                    new OpenAiException(
                        404,
                        "invalid_request_error",
                        null,
                        "not_found",
                        "Response with id '"
                            + id
                            + "' not found. Responses sent with store false are not kept, and"
                            + " stored ones expire after responses.store-ttl-hours."));
    return HttpResponse.ok(stored.responseJson()).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private Mono<MutableHttpResponse<?>> stream(
      PreparedResponse prepared,
      ResponseBuilder builder,
      String workflowId,
      ChatService.ChatOptions options) {
    Mono<ChatRunner.LiveChat> live = runner.stream(workflowId, prepared.call(), options);
    auditDropped(prepared, workflowId);
    ResponseStreamer streamer =
        new ResponseStreamer(
            builder,
            runner.jobs(),
            done ->
                Mono.fromCallable(() -> keep(prepared, done))
                    .subscribeOn(Schedulers.boundedElastic()));
    return live.onErrorMap(e -> ChatFailures.toOpenAi(e, workflowId))
        .map(
            chat -> {
              Flux<Event<String>> events =
                  streamer
                      .events(chat)
                      .map(event -> Event.of(ResponsesJson.write(event)).name(event.type()));
              MutableHttpResponse<?> response =
                  HttpResponse.ok(events).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
              return CoracleHeaders.fromStream(response, chat);
            });
  }

  /** Stores a finished response unless the client said {@code store: false}; returns it. */
  private ResponseObject keep(PreparedResponse prepared, ResponseObject response) {
    if (prepared.request().stored()) {
      store.save(
          response.id(),
          prepared.request().previousResponseId(),
          prepared.itemsWith(response.output()),
          ResponsesJson.write(response));
    }
    return response;
  }

  /**
   * Records the tools the upstream could not be given, once the chat has started: a request refused
   * before that leaves no row.
   */
  private void auditDropped(PreparedResponse prepared, String workflowId) {
    droppedTools.record(workflowId, DOOR, prepared.call().model(), prepared.tools().dropped());
  }
}
