package dev.coracle.api.openai;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.worker.TemporalConnection;
import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.ChatWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
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

/** Starts one {@code ChatWorkflow} per request and hands back its future result. */
@Singleton
public class ChatService {
  private static final String REQUEST_HASH_MEMO = "request-sha256";

  private final WorkflowClient client;
  private final Duration workflowTimeout;

  public ChatService(TemporalConnection connection, LoadedConfig config) {
    this.client = connection.client();
    this.workflowTimeout = Duration.ofSeconds(config.config().chat().workflowTimeoutSeconds());
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
    return "chat-idem-" + sha256(idempotencyKey).substring(0, 32);
  }

  public StartedChat start(
      String workflowId, ParsedCompletion parsed, boolean publishTokens, boolean bypassCache) {
    ChatRequest request =
        new ChatRequest(
            parsed.model(),
            parsed.messages(),
            parsed.params(),
            publishTokens ? workflowId : null,
            parsed.tools(),
            bypassCache);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.MAIN)
            .setWorkflowExecutionTimeout(workflowTimeout)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            // Eager start: the first workflow task comes back in the start response.
            .setDisableEagerExecution(false)
            .setMemo(Map.of(REQUEST_HASH_MEMO, requestHash(request)))
            .build();
    ChatWorkflow workflow = client.newWorkflowStub(ChatWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::chat, request);
      return new StartedChat(
          workflowId, WorkflowStub.fromTyped(workflow).getResultAsync(ChatResult.class));
    } catch (WorkflowExecutionAlreadyStarted duplicate) {
      WorkflowStub existing =
          client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.of("ChatWorkflow"));
      Object earlierHash = existing.describe().getMemo(REQUEST_HASH_MEMO, String.class);
      if (!requestHash(request).equals(earlierHash)) {
        throw new OpenAiException(
            422,
            "invalid_request_error",
            null,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request");
      }
      return new StartedChat(workflowId, existing.getResultAsync(ChatResult.class));
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
            + request.tools());
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
}
