package dev.coracle.api.openai;

import dev.coracle.workflows.chat.ChatErrorType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failed chat workflow into the OpenAI error a client should see. */
final class ChatFailures {
  private ChatFailures() {}

  static OpenAiException toOpenAi(Throwable failure, String workflowId) {
    Throwable cause = unwrap(failure);
    if (cause instanceof OpenAiException decided) {
      return decided; // Already in the door's shape, such as a job refused for a busy workspace.
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        return fromType(application.getType(), application.getOriginalMessage());
      }
      if (t instanceof TimeoutFailure) {
        return new OpenAiException(
            504, "server_error", null, "timeout", "The chat " + workflowId + " timed out");
      }
    }
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
    return new OpenAiException(502, "server_error", null, "upstream_error", message);
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
