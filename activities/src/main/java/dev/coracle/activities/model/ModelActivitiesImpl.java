package dev.coracle.activities.model;

import dev.coracle.activities.providers.ModelInvoker;
import dev.coracle.activities.providers.ProviderException;
import dev.coracle.activities.providers.TokenSink;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.activities.streaming.StreamListener;
import dev.coracle.activities.streaming.TokenHub;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.model.ModelActivities;
import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelCall;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

/**
 * Calls one model and records the call in the audit table. Failures become typed {@code
 * ApplicationFailure}s: only an unreachable or failing upstream is worth retrying; the workflow
 * moves on to the next candidate for the rest.
 */
@Singleton
public class ModelActivitiesImpl implements ModelActivities {
  private final ProviderCatalog catalog;
  private final ModelInvoker invoker;
  private final TokenHub hub;
  private final AuditLog audit;

  public ModelActivitiesImpl(
      ProviderCatalog catalog, ModelInvoker invoker, TokenHub hub, AuditLog audit) {
    this.catalog = catalog;
    this.invoker = invoker;
    this.hub = hub;
    this.audit = audit;
  }

  @Override
  public ModelAnswer call(ModelCall call) {
    ConfiguredProvider provider =
        catalog
            .find(call.target().provider())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "provider " + call.target().provider() + " is no longer configured",
                        ChatErrorType.UPSTREAM_REJECTED.name()));
    StreamListener listener = hub.listenerFor(call.streamKey());
    TokenSink sink = null;
    if (listener != null) {
      listener.onStart(call.target().provider(), call.target().model(), call.requestClass());
      sink = new ListenerSink(listener);
    }
    try {
      ModelAnswer answer =
          invoker.invoke(
              provider.endpoint(),
              call.target().model(),
              call.messages(),
              call.params(),
              call.tools(),
              sink);
      record(call, "ok", answer, null);
      return answer;
    } catch (ProviderException e) {
      record(call, e.type().name(), null, e.getMessage());
      throw toFailure(e);
    } catch (IllegalArgumentException e) {
      // The request cannot be expressed for this upstream (a schema or tool choice it refuses);
      // retrying cannot help, another candidate might.
      String message = call.target().qualifiedName() + ": " + e.getMessage();
      record(call, ChatErrorType.UPSTREAM_REJECTED.name(), null, message);
      throw ApplicationFailure.newNonRetryableFailure(
          message, ChatErrorType.UPSTREAM_REJECTED.name());
    }
  }

  /** Forwards a streamed answer's tokens and tool-call pieces to the waiting HTTP response. */
  private record ListenerSink(StreamListener listener) implements TokenSink {
    @Override
    public void onToken(String text) {
      listener.onToken(text);
    }

    @Override
    public void onToolCall(int index, String id, String name, String argumentsFragment) {
      listener.onToolCall(index, id, name, argumentsFragment);
    }
  }

  private static ApplicationFailure toFailure(ProviderException e) {
    String type = e.type().name();
    return e.type() == ChatErrorType.UPSTREAM_UNAVAILABLE
        ? ApplicationFailure.newFailureWithCause(e.getMessage(), type, null)
        : ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), type, null);
  }

  private void record(ModelCall call, String outcome, ModelAnswer answer, String error) {
    audit.record(
        call.workflowId(),
        call.requestClass(),
        call.target().provider(),
        call.target().model(),
        outcome,
        answer == null ? 0 : answer.usage().promptTokens(),
        answer == null ? 0 : answer.usage().completionTokens(),
        answer == null ? 0 : answer.modelMillis(),
        error);
  }
}
