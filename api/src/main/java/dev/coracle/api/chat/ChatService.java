package dev.coracle.api.chat;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.coracle.activities.answer.AnswerHub;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.workspace.WorkspaceNotAllowedException;
import dev.coracle.activities.workspace.WorkspacePolicy;
import dev.coracle.api.jobs.WorkspaceErrors;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.worker.TemporalConnection;
import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.ChatWorkflow;
import dev.coracle.workflows.job.JobLimits;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.scheduling.TaskExecutors;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import reactor.core.scheduler.Schedulers;

/** Starts one {@code ChatWorkflow} per request and hands back its future result. */
@Singleton
public class ChatService {
  private static final String REQUEST_HASH_MEMO = "request-sha256";

  /** The workflow type {@link ChatWorkflow#chat} registers. */
  private static final String WORKFLOW_TYPE = "ChatWorkflow";

  /** The header that asks for a job this chat starts to wait for its plan's approval. */
  public static final String APPROVE_PLAN_HEADER = "x-coracle-approve-plan";

  /** Workflow ids derived from an idempotency key; only these can be started twice. */
  private static final String IDEMPOTENT_PREFIX = "chat-idem-";

  /** The header that names a job's workspace directory. */
  public static final String WORKSPACE_HEADER = "x-coracle-workspace";

  private final TemporalConnection temporal;
  private final Duration workflowTimeout;
  private final JobLimits jobLimits;
  private final WorkspacePolicy workspaces;
  private final AnswerHub answers;
  private final Executor starts;

  public ChatService(
      TemporalConnection connection,
      LoadedConfig config,
      WorkspacePolicy workspaces,
      AnswerHub answers,
      @Named(TaskExecutors.BLOCKING) ExecutorService starts) {
    this.temporal = connection;
    this.starts = starts;
    this.workspaces = workspaces;
    this.answers = answers;
    this.workflowTimeout = Duration.ofSeconds(config.config().chat().workflowTimeoutSeconds());
    var jobs = config.config().jobs();
    // Null keeps every chat a single answer; otherwise deep and research chats become jobs.
    this.jobLimits = jobs.fromChat() ? jobs.limits() : null;
  }

  /**
   * How a chat is run, beyond its body.
   *
   * @param bypassCache the client sent {@code Cache-Control: no-cache}
   * @param workspace the job workspace from {@code x-coracle-workspace}, or null
   */
  public record ChatOptions(boolean bypassCache, String workspace, boolean approvePlan) {

    public ChatOptions(boolean bypassCache, String workspace) {
      this(bypassCache, workspace, false);
    }

    /**
     * These options with {@code x-coracle-approve-plan}: {@code true} holds a job this chat starts
     * until its plan is approved.
     */
    public ChatOptions withApprovePlan(String header) {
      boolean approve = header != null && header.strip().equalsIgnoreCase("true");
      return new ChatOptions(bypassCache, workspace, approve || approvePlan);
    }

    /**
     * The options the standard headers ask for, on any door.
     *
     * @param cacheControl the {@code Cache-Control} header, or null
     * @param workspaceHeader the {@code x-coracle-workspace} header, or null
     */
    public static ChatOptions from(String cacheControl, String workspaceHeader) {
      boolean bypass = cacheControl != null && cacheControl.toLowerCase().contains("no-cache");
      return new ChatOptions(bypass, ChatService.workspace(workspaceHeader));
    }
  }

  /**
   * The {@code x-coracle-workspace} header as sent, or null when it is absent; whether it is
   * allowed is checked when the chat starts.
   */
  public static String workspace(String header) {
    return header == null || header.isBlank() ? null : header.strip();
  }

  /** A started (or, for a repeated idempotency key, an earlier) chat. */
  public record StartedChat(String workflowId, CompletableFuture<ChatResult> result) {}

  /**
   * The workflow id for a request: {@code chat-<ULID>}, or one derived from the client's
   * idempotency key so a retried request finds the first one's answer.
   */
  public String workflowIdFor(String idempotencyKey) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      return "chat-" + UlidCreator.getMonotonicUlid().toString();
    }
    return IDEMPOTENT_PREFIX + sha256(idempotencyKey).substring(0, 32);
  }

  /**
   * Starts the chat. A workspace header is checked first, for every chat: it names where a job
   * started from this chat would work, and a refused one is a 400 before anything runs.
   *
   * @throws OpenAiException 400 {@code workspace_not_allowed}
   */
  public StartedChat start(
      String workflowId, ChatCall parsed, boolean publishTokens, ChatOptions options) {
    String workspace = allowedWorkspace(options.workspace());
    ChatRequest request =
        new ChatRequest(
            parsed.model(),
            parsed.messages(),
            parsed.params(),
            // The MCP loop's intermediate turns must not stream; its answer comes at the end.
            publishTokens && parsed.mcpServers() == null ? workflowId : null,
            parsed.tools(),
            // A call that must not be answered from the cache skips the lookup like no-cache.
            options.bypassCache() || !parsed.cacheable(),
            workspace,
            // A legacy text completion is an editor's autocomplete: never a job.
            parsed.params() != null && parsed.params().textCompletion() ? null : jobLimits(options),
            parsed.mcpServers());
    WorkflowOptions.Builder workflowOptions =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.MAIN)
            .setWorkflowExecutionTimeout(workflowTimeout)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            // Eager start: the first workflow task comes back in the start response.
            .setDisableEagerExecution(false);
    if (workflowId.startsWith(IDEMPOTENT_PREFIX)) {
      // A fresh id is never started twice, so only a keyed request needs its hash to compare.
      workflowOptions.setMemo(Map.of(REQUEST_HASH_MEMO, requestHash(request)));
    }
    CompletableFuture<ChatResult> early = answers.await(workflowId);
    CompletableFuture<ChatResult> first = new CompletableFuture<>();
    if (early != null) {
      early.thenAccept(first::complete);
    }
    WorkflowOptions built = workflowOptions.build();
    Runnable startIt =
        () -> {
          try {
            startDurable(workflowId, built, request)
                .whenComplete(
                    (result, failure) -> {
                      // The durable result is what tells the hub to stop waiting.
                      forget(workflowId, early);
                      if (failure != null) {
                        first.completeExceptionally(failure);
                      } else {
                        first.complete(result);
                      }
                    });
          } catch (RuntimeException e) {
            forget(workflowId, early);
            first.completeExceptionally(e);
          }
        };
    if (Schedulers.isInNonBlockingThread()) {
      // The start waits for the Temporal server; an event-loop thread (Micronaut marks its
      // event loops non-blocking) must not. Wrapped so the request's propagated context (its
      // trace, when tracing is on) is the start's.
      starts.execute(PropagatedContext.wrapCurrent(startIt));
    } else {
      // A door that already runs on a thread that may block (the Messages and Responses doors run
      // on the blocking executor) starts here: a second hand-off would only wait for a thread.
      startIt.run();
    }
    return new StartedChat(workflowId, first);
  }

  /**
   * Starts the workflow and returns its durable result; for an idempotency key already used with
   * the same request, the earlier chat's result.
   *
   * @throws OpenAiException 422 {@code idempotency_key_reused} for a key used with another request
   */
  private CompletableFuture<ChatResult> startDurable(
      String workflowId, WorkflowOptions options, ChatRequest request) {
    // Asked per start: a recycle of the embedded server changes the client.
    WorkflowClient client = temporal.client();
    // Untyped: a typed stub builds a proxy and checks the interface's annotations every time.
    WorkflowStub workflow = client.newUntypedWorkflowStub(WORKFLOW_TYPE, options);
    try {
      workflow.start(request);
      return workflow.getResultAsync(ChatResult.class);
    } catch (WorkflowExecutionAlreadyStarted duplicate) {
      WorkflowStub existing =
          client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.of(WORKFLOW_TYPE));
      Object earlierHash = existing.describe().getMemo(REQUEST_HASH_MEMO, String.class);
      if (!requestHash(request).equals(earlierHash)) {
        throw new OpenAiException(
            422,
            "invalid_request_error",
            null,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request");
      }
      return existing.getResultAsync(ChatResult.class);
    }
  }

  private void forget(String workflowId, CompletableFuture<ChatResult> early) {
    if (early != null) {
      answers.forget(workflowId, early);
    }
  }

  /** The limits a job this chat starts gets; null when chats start no jobs. */
  private JobLimits jobLimits(ChatOptions options) {
    return jobLimits != null && options.approvePlan() ? jobLimits.withApprovePlan(true) : jobLimits;
  }

  private String allowedWorkspace(String header) {
    if (header == null) {
      return null;
    }
    try {
      return workspaces.check(header).toString();
    } catch (WorkspaceNotAllowedException refused) {
      throw WorkspaceErrors.notAllowed(refused, WORKSPACE_HEADER);
    }
  }

  /**
   * What makes two requests "the same" for an idempotency key: the model, the conversation and the
   * sampling settings, not whether the answer is streamed.
   */
  private static String requestHash(ChatRequest request) {
    return sha256(
        request.model()
            + "\n"
            + request.messages()
            + "\n"
            + request.params()
            + "\n"
            + request.tools()
            + "\n"
            + request.mcpServers()
            + "\n"
            + request.workspace());
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Whether a deep or research chat may start a coding job ({@code jobs.from-chat}). */
  public boolean jobsFromChat() {
    return jobLimits != null;
  }
}
