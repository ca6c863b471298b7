package dev.coracle.api.chat;

import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.ChatErrorType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed chat workflow into the OpenAI error a client should see. Only the typed failures
 * of model calls are reported as upstream errors; any other failure was raised by coracle's own
 * code (bad input is refused before a workflow starts), so it is a 500 whose details stay in the
 * log.
 */
public final class ChatFailures {
  private static final Logger log = LoggerFactory.getLogger(ChatFailures.class);

  /** The failures a model or its provider causes, as opposed to coracle's own code. */
  private static final Set<String> UPSTREAM =
      Set.of(
          ChatErrorType.UPSTREAM_REJECTED.name(),
          ChatErrorType.UPSTREAM_RATE_LIMITED.name(),
          ChatErrorType.UPSTREAM_AUTH.name(),
          ChatErrorType.UPSTREAM_UNAVAILABLE.name());

  private ChatFailures() {}

  public static OpenAiException toOpenAi(Throwable failure, String workflowId) {
    Throwable cause = unwrap(failure);
    if (cause instanceof OpenAiException decided) {
      return decided; // Already in the door's shape, such as a job refused for a busy workspace.
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        OpenAiException typed = fromType(application.getType(), application.getOriginalMessage());
        if (typed != null) {
          return typed;
        }
        break;
      }
      if (t instanceof TimeoutFailure) {
        return new OpenAiException(
            504, "server_error", null, "timeout", "The chat " + workflowId + " timed out");
      }
    }
    log.error("chat {} failed inside coracle", workflowId, cause);
    return new OpenAiException(
        500,
        "server_error",
        null,
        null,
        "The chat "
            + workflowId
            + " failed; `temporal workflow show -w "
            + workflowId
            + "` or the server log has the details");
  }

  /** The error for a typed failure, or null for a failure coracle's own code raised. */
  private static OpenAiException fromType(String type, String message) {
    if (ChatErrorType.NO_PROVIDER.name().equals(type)) {
      return OpenAiException.unavailable(message);
    }
    if (ChatErrorType.MCP_UNAVAILABLE.name().equals(type)) {
      return new OpenAiException(502, "server_error", null, "mcp_server_unavailable", message);
    }
    if (ChatErrorType.STREAM_BROKEN.name().equals(type)) {
      return new OpenAiException(502, "server_error", null, "stream_broken", message);
    }
    if (UPSTREAM.contains(type)) {
      return new OpenAiException(502, "server_error", null, "upstream_error", message);
    }
    return null;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof WorkflowFailedException && t.getCause() != null) {
      return t.getCause();
    }
    return t;
  }
}
