package dev.coracle.api.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.activities.model.TokenEstimate;
import dev.coracle.api.chat.ChatCall;
import dev.coracle.api.chat.ChatFailures;
import dev.coracle.api.chat.ChatRunner;
import dev.coracle.api.chat.ChatService;
import dev.coracle.api.chat.CoracleHeaders;
import dev.coracle.api.chat.DroppedToolsAudit;
import dev.coracle.workflows.chat.ChatResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * Anthropic's Messages API, so Claude Code and the Anthropic SDKs can use coracle: {@code POST
 * /v1/messages} runs the request through the same {@link ChatRunner} as chat completions, and
 * {@code POST /v1/messages/count_tokens} estimates a request's size. The {@code anthropic-version}
 * and {@code anthropic-beta} headers are accepted and ignored.
 */
@Controller("/v1/messages")
public class MessagesController {
  private final ChatRunner runner;
  private final DroppedToolsAudit droppedTools;

  MessagesController(ChatRunner runner, DroppedToolsAudit droppedTools) {
    this.runner = runner;
    this.droppedTools = droppedTools;
  }

  // Blocking: dropped server tools are written to the audit log once the chat has started.
  @Post
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public CompletableFuture<MutableHttpResponse<?>> create(
      @Nullable @Body String body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Nullable @Header("Cache-Control") String cacheControl,
      @Nullable @Header(ChatService.WORKSPACE_HEADER) String workspace,
      @Nullable @Header(ChatService.APPROVE_PLAN_HEADER) String approvePlan) {
    long startedNanos = System.nanoTime();
    MessagesRequest request = MessagesReader.read(body);
    MessagesConversion.Converted converted = MessagesConversion.toChatCall(request, true);
    String workflowId = runner.workflowIdFor(idempotencyKey);
    ChatService.ChatOptions options =
        ChatService.ChatOptions.from(cacheControl, workspace).withApprovePlan(approvePlan);
    ChatCall call = converted.call();
    CompletableFuture<MutableHttpResponse<?>> answer;
    if (request.streamed()) {
      answer = stream(call, workflowId, options).toFuture();
    } else {
      // A future, not a Mono: the answer is written on the thread that hands it over, with no
      // Reactor subscription between the workflow and Micronaut.
      answer =
          runner
              .answer(workflowId, call, options)
              .handle(
                  (result, failure) -> {
                    if (failure != null) {
                      throw ChatFailures.toOpenAi(failure, workflowId);
                    }
                    return answered(call.model(), workflowId, result, startedNanos);
                  });
    }
    // Only now has the chat started: a request refused before (unknown model, refused
    // workspace) leaves no row behind.
    droppedTools.record(
        workflowId,
        "messages",
        request.model(),
        DroppedServerTools.reasons(converted.droppedTools()));
    return answer;
  }

  /**
   * An estimate of the request's input tokens, made the way coracle sizes requests for quota: about
   * four characters a token over the messages, tool calls and tool schemas.
   */
  @Post("/count_tokens")
  @Consumes(MediaType.ALL)
  public MutableHttpResponse<String> countTokens(@Nullable @Body String body) {
    MessagesRequest request = MessagesReader.read(body);
    // Resolved as a chat would be: aliases such as claude-* count, unknown names are a 404.
    ChatCall call = runner.resolved(MessagesConversion.toChatCall(request, false).call());
    int tokens = TokenEstimate.prompt(call.messages(), call.tools());
    return json(new TokenCount(tokens));
  }

  private MutableHttpResponse<?> answered(
      String model, String workflowId, ChatResult result, long startedNanos) {
    MutableHttpResponse<String> response = json(Answers.message(workflowId, model, result));
    return CoracleHeaders.withOverhead(
        CoracleHeaders.fromResult(response, workflowId, result), result, startedNanos);
  }

  private Mono<MutableHttpResponse<?>> stream(
      ChatCall call, String workflowId, ChatService.ChatOptions options) {
    MessageEvents events =
        new MessageEvents(
            workflowId,
            call.model(),
            TokenEstimate.prompt(call.messages(), call.tools()),
            runner.jobs());
    return runner.stream(workflowId, call, options)
        .onErrorMap(e -> ChatFailures.toOpenAi(e, workflowId))
        .map(
            live ->
                CoracleHeaders.fromStream(
                    HttpResponse.ok(events.events(live))
                        .contentType(MediaType.TEXT_EVENT_STREAM_TYPE),
                    live));
  }

  private static MutableHttpResponse<String> json(Object body) {
    try {
      return HttpResponse.ok(CoracleJson.mapper().writeValueAsString(body))
          .contentType(MediaType.APPLICATION_JSON_TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a Messages answer is always serializable", e);
    }
  }
}
