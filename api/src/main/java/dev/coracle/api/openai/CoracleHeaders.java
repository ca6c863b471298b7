package dev.coracle.api.openai;

import dev.coracle.workflows.chat.ChatResult;
import io.micronaut.http.MutableHttpResponse;
import java.util.concurrent.CompletableFuture;

/** The {@code x-coracle-*} response headers that tell a client what coracle did. */
final class CoracleHeaders {
  static final String WORKFLOW_ID = "x-coracle-workflow-id";
  static final String CLASS = "x-coracle-class";
  static final String PROVIDER = "x-coracle-provider";
  static final String MODEL = "x-coracle-model";
  static final String OVERHEAD_MS = "x-coracle-overhead-ms";
  static final String CACHE = "x-coracle-cache";
  static final String JOB_ID = "x-coracle-job-id";

  private CoracleHeaders() {}

  static <T> MutableHttpResponse<T> fromResult(
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

  /**
   * Headers of a stream, sent with its first token: the model answering then is known from the
   * activity; when the chat already finished, the durable result says.
   */
  static <T> MutableHttpResponse<T> fromStream(
      MutableHttpResponse<T> response,
      String workflowId,
      ChatStream stream,
      CompletableFuture<ChatResult> result) {
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
