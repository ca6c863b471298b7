package dev.coracle.api.chat;

import dev.coracle.workflows.chat.ChatResult;
import io.micronaut.http.MutableHttpResponse;
import java.util.concurrent.CompletableFuture;

/** The {@code x-coracle-*} response headers that tell a client what coracle did. */
public final class CoracleHeaders {
  public static final String WORKFLOW_ID = "x-coracle-workflow-id";
  public static final String CLASS = "x-coracle-class";
  public static final String PROVIDER = "x-coracle-provider";
  public static final String MODEL = "x-coracle-model";
  public static final String OVERHEAD_MS = "x-coracle-overhead-ms";
  public static final String CACHE = "x-coracle-cache";
  public static final String JOB_ID = "x-coracle-job-id";

  private CoracleHeaders() {}

  public static <T> MutableHttpResponse<T> fromResult(
      MutableHttpResponse<T> response, String workflowId, ChatResult result) {
    response.header(WORKFLOW_ID, workflowId);
    response.header(CLASS, result.classification().requestClass().wireName());
    response.header(PROVIDER, result.provider());
    response.header(MODEL, result.model());
    response.header(CACHE, result.cacheHit() ? "hit" : "miss");
    if (result.jobId() != null) {
      response.header(JOB_ID, result.jobId());
    }
    return response;
  }

  /** Adds {@code x-coracle-overhead-ms}: the request's time not spent waiting on the model. */
  public static <T> MutableHttpResponse<T> withOverhead(
      MutableHttpResponse<T> response, ChatResult result, long startedNanos) {
    long elapsedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    return response.header(
        OVERHEAD_MS, Long.toString(Math.max(0, elapsedMillis - result.modelMillis())));
  }

  /**
   * Headers of a stream, sent with its first token: the model answering then is known from the
   * activity; when the chat already finished, the durable result says.
   */
  public static <T> MutableHttpResponse<T> fromStream(
      MutableHttpResponse<T> response, ChatRunner.LiveChat live) {
    String workflowId = live.workflowId();
    ChatStream stream = live.stream();
    CompletableFuture<ChatResult> result = live.result();
    if (result.isDone() && !result.isCompletedExceptionally()) {
      return fromResult(response, workflowId, result.join());
    }
    response.header(WORKFLOW_ID, workflowId);
    if (stream.requestClass() != null) {
      response.header(CLASS, stream.requestClass());
      response.header(PROVIDER, stream.provider());
      response.header(MODEL, stream.model());
    }
    return response;
  }
}
