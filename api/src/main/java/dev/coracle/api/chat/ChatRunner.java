package dev.coracle.api.chat;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.activities.streaming.TokenHub;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.ChatResult;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs one chat for a door: checks the model name, starts the {@code ChatWorkflow} and hands back
 * either its settled result or a live stream. Every door (chat completions, responses, messages,
 * completions) goes through here, so they share one path: classify, route, fallback, quota, cache,
 * guard and audit all happen in the workflow. Nothing here blocks a thread.
 */
@Singleton
public class ChatRunner {
  private final ChatService chats;
  private final ModelDirectory models;
  private final TokenHub hub;
  private final ChatJobAnswers jobs;
  private final ChatApprovals approvals;

  public ChatRunner(
      ChatService chats,
      ModelDirectory models,
      TokenHub hub,
      ChatJobAnswers jobs,
      ChatApprovals approvals) {
    this.chats = chats;
    this.models = models;
    this.hub = hub;
    this.jobs = jobs;
    this.approvals = approvals;
  }

  /**
   * A chat whose first token has reached this process, or that ended before any did.
   *
   * @param result the durable result; it fails when the chat fails after the first token
   */
  public record LiveChat(
      String workflowId, ChatStream stream, CompletableFuture<ChatResult> result) {}

  /**
   * The workflow id for a request: a fresh one, or one derived from the client's idempotency key.
   */
  public String workflowIdFor(String idempotencyKey) {
    return chats.workflowIdFor(idempotencyKey);
  }

  /**
   * Starts the chat and completes with its answer; a chat that started a coding job completes with
   * the job's summary, or where the job is once the configured wait has passed.
   *
   * @throws OpenAiException for an unknown model or a refused workspace, before anything starts
   */
  public CompletableFuture<ChatResult> answer(
      String workflowId, ChatCall call, ChatService.ChatOptions options) {
    if (approvals.answersPlan(call.messages())) {
      return decidePlan(call).toFuture().thenCompose(jobs::settle);
    }
    ChatService.StartedChat chat = chats.start(workflowId, resolved(call), false, options);
    return withHint(chat.result(), call)
        .thenCompose(
            result ->
                result.jobId() == null
                    ? CompletableFuture.completedFuture(result)
                    : jobs.settle(result));
  }

  /**
   * Starts a streamed chat. The returned {@link Mono} completes once the first token has arrived or
   * the chat has ended, whichever is first, and fails when the chat failed before any token: such a
   * failure is an ordinary HTTP error, not a broken stream. The caller must subscribe to the live
   * chat's pieces; they are released when that subscription ends.
   */
  public Mono<LiveChat> stream(String workflowId, ChatCall call, ChatService.ChatOptions options) {
    if (approvals.answersPlan(call.messages())) {
      // No workflow and no tokens: the door follows the job from the decision on.
      return decidePlan(call)
          .map(
              result -> {
                ChatStream none = new ChatStream();
                none.finish();
                return new LiveChat(workflowId, none, CompletableFuture.completedFuture(result));
              });
    }
    ChatCall checked = resolved(call);
    ChatStream stream = new ChatStream();
    AutoCloseable subscription = hub.subscribe(workflowId, stream);
    ChatService.StartedChat chat;
    try {
      chat = chats.start(workflowId, checked, true, options);
    } catch (RuntimeException e) {
      closeQuietly(subscription);
      throw e;
    }
    CompletableFuture<ChatResult> result = withHint(chat.result(), call);
    result.whenComplete((done, failure) -> stream.finish());
    // The marker is non-null because an empty Mono would make the framework answer 404.
    CompletableFuture<Object> ready =
        CompletableFuture.anyOf(stream.firstToken().thenApply(token -> "first-token"), result);
    return Mono.fromFuture(ready)
        .doOnError(e -> closeQuietly(subscription))
        .map(
            started ->
                new LiveChat(
                    workflowId, stream.releasingOnEnd(() -> closeQuietly(subscription)), result));
  }

  /** Sends the decision on the plan off the event loop: it waits for the job to record it. */
  private Mono<ChatResult> decidePlan(ChatCall call) {
    return Mono.fromCallable(() -> approvals.decide(call.messages()))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** What a chat that started a coding job streams: the job's progress, line by line. */
  public ChatJobAnswers jobs() {
    return jobs;
  }

  /**
   * The call with its model name resolved through {@link ModelDirectory}: the workflow gets the
   * profile or {@code provider/model} an alias stands for, while the door keeps echoing the name
   * the client sent.
   *
   * @throws OpenAiException 400 for the embedding model, 404 for a name nothing resolves
   */
  public ChatCall resolved(ChatCall call) {
    if (LocalEmbeddings.MODEL_NAME.equals(call.model())) {
      throw OpenAiException.invalidValue(
          "model", call.model() + " is an embedding model; use POST /v1/embeddings");
    }
    return models
        .resolve(call.model())
        .map(call::withModel)
        .orElseThrow(() -> OpenAiException.unknownModel(call.model()));
  }

  /**
   * The result with {@link JobHint}'s line when the classifier abstained from starting a job; a
   * streamed door sends the line after the tokens, as text the durable result adds.
   */
  private CompletableFuture<ChatResult> withHint(
      CompletableFuture<ChatResult> result, ChatCall call) {
    boolean couldStartJob = JobHint.couldStartJob(call, chats.jobsFromChat());
    return result.thenApply(done -> JobHint.added(done, couldStartJob));
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Removing a listener from a map cannot fail in a way worth reporting.
    }
  }
}
