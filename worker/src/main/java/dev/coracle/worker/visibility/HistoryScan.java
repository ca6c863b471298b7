package dev.coracle.worker.visibility;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import io.temporal.internal.common.WorkflowExecutionUtils;
import io.temporal.internal.testservice.ExecutionId;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs a test server holds, read from its history store in one pass under the store's lock:
 * each run's first event gives its type, task queue and start time, its last event whether it
 * closed, how and when.
 *
 * <p>This is what a recycle copies to the index. Through the server's own calls it took a list of
 * everything and then a describe per run, which copies the run's whole history and state: at five
 * thousand runs a recycle, most of the recycler thread's CPU (see docs/benchmarks.md). The store is
 * Temporal's test server's internal class (1.38); a server without the fields read here is read
 * through its calls instead ({@link DescribedRuns}).
 */
final class HistoryScan implements HeldRuns {
  private static final Logger log = LoggerFactory.getLogger(HistoryScan.class);

  private final Lock lock;
  private final Map<?, ?> histories;
  private final Field events;

  private HistoryScan(Lock lock, Map<?, ?> histories, Field events) {
    this.lock = lock;
    this.histories = histories;
    this.events = events;
  }

  /** The scan of {@code testService}'s store, or empty when it is not the store known here. */
  static Optional<HistoryScan> of(WorkflowServiceImplBase testService) {
    try {
      Object store = field(testService.getClass(), "store").get(testService);
      Lock lock = (Lock) field(store.getClass(), "lock").get(store);
      Map<?, ?> histories = (Map<?, ?>) field(store.getClass(), "histories").get(store);
      Class<?> historyStore =
          Class.forName(store.getClass().getName() + "$HistoryStore", false, loader(store));
      Field events = field(historyStore, "history");
      if (!List.class.isAssignableFrom(events.getType())) {
        throw new NoSuchFieldException("history is a " + events.getType());
      }
      return Optional.of(new HistoryScan(lock, histories, events));
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("test server read through its calls: {}", e.toString());
      return Optional.empty();
    }
  }

  @Override
  public List<HeldRun> runs(String namespace) {
    List<HeldRun> runs = new ArrayList<>();
    lock.lock();
    try {
      for (Map.Entry<?, ?> entry : histories.entrySet()) {
        if (entry.getKey() instanceof ExecutionId id && namespace.equals(id.getNamespace())) {
          List<?> history = (List<?>) events.get(entry.getValue());
          if (!history.isEmpty()) {
            runs.add(run(id, history));
          }
        }
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("the test server's history store could not be read", e);
    } finally {
      lock.unlock();
    }
    return runs;
  }

  private static HeldRun run(ExecutionId id, List<?> history) {
    HistoryEvent first = (HistoryEvent) history.get(0);
    HistoryEvent last = (HistoryEvent) history.get(history.size() - 1);
    WorkflowExecutionStartedEventAttributes started =
        first.getWorkflowExecutionStartedEventAttributes();
    boolean closed = WorkflowExecutionUtils.isWorkflowExecutionClosedEvent(last);
    return new HeldRun(
        id.getExecution().getWorkflowId(),
        id.getExecution().getRunId(),
        started.getWorkflowType().getName(),
        started.getTaskQueue().getName(),
        closed
            ? WorkflowExecutionUtils.getCloseStatus(last).getNumber()
            : WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE,
        millis(first),
        closed ? millis(last) : 0,
        history.size());
  }

  private static long millis(HistoryEvent event) {
    return event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
  }

  private static ClassLoader loader(Object store) {
    ClassLoader loader = store.getClass().getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }

  private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
    Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }
}
