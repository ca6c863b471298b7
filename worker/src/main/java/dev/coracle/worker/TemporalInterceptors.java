package dev.coracle.worker;

import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Interceptors added to every Temporal client and worker coracle makes, on every generation of the
 * embedded server: tracing's, when it is on.
 *
 * @param client added to each workflow client (starts, signals, queries)
 * @param worker added to each worker factory, after coracle's own (workflow counts, slot queue)
 * @param owner closed with the connection, after its clients and workers have stopped (tracing's
 *     exporter, which then sends the last spans)
 */
public record TemporalInterceptors(
    List<WorkflowClientInterceptor> client, List<WorkerInterceptor> worker, AutoCloseable owner) {

  /** No interceptors: tracing is off. */
  public static final TemporalInterceptors NONE =
      new TemporalInterceptors(List.of(), List.of(), () -> {});

  public TemporalInterceptors {
    client = List.copyOf(client);
    worker = List.copyOf(worker);
  }

  void close() {
    try {
      owner.close();
    } catch (Exception e) {
      LoggerFactory.getLogger(TemporalInterceptors.class).warn("could not close {}", owner, e);
    }
  }

  WorkflowClientInterceptor[] clientArray() {
    return client.toArray(new WorkflowClientInterceptor[0]);
  }
}
