package dev.coracle.activities.store;

import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store writes that an answer does not wait for: a model call's audit row and the settling of its
 * quota reservation, the answer's cache entry and the cache's counter of skipped lookups. They are
 * queued by the caller and written by one thread, as many as are waiting in one transaction, so a
 * burst of chats costs one commit rather than several per chat, and the caller never waits for
 * SQLite's lock.
 *
 * <p>What must hold before the call (the quota reservation of a model with a limit) is not written
 * here; the count of a call to a model without any limit is, queued before the call. A write queued
 * here is in the store within milliseconds; {@link #awaitWritten} lets a reader see every write
 * queued before it. On shutdown the queue is written out before the store closes; only a process
 * that dies abruptly loses what was still queued (the reservation then stands as estimated).
 */
@Singleton
public class AfterAnswerWrites {
  private static final Logger log = LoggerFactory.getLogger(AfterAnswerWrites.class);

  /** How many queued writes share one transaction at most. */
  static final int BATCH = 256;

  /** How long a reader waits for the queue before it reads anyway. */
  private static final Duration READ_WAIT = Duration.ofSeconds(10);

  private final TransactionOperations<Connection> transactions;
  private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
  private final Object progress = new Object();
  private long queued;
  private long written;
  private volatile Thread writer;
  private boolean closed;

  /** One write, with what to call it in a log line if it fails. */
  private record Write(String what, Runnable action) {}

  /** Queued last by {@link #close()}: the writer stops once it has written everything before it. */
  private static final Write STOP = new Write("end of the queue", () -> {});

  public AfterAnswerWrites(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /**
   * Queues {@code action}, which writes through the store's repositories; it joins the batch's
   * transaction. After shutdown has begun it runs at once, on the caller's thread.
   *
   * @param what names the write in the log if it fails, e.g. "audit row of chat-01…"
   * @return the write's ticket, for {@link #awaitWritten(long)}
   */
  public long submit(String what, Runnable action) {
    synchronized (progress) {
      if (!closed) {
        queued++;
        queue.add(new Write(what, action));
        startWriterOnce();
        return queued;
      }
    }
    runAlone(new Write(what, action));
    return 0;
  }

  /**
   * Runs {@code action} after every write queued before it: at once when called by one of those
   * writes (on the writer's thread, in its batch), else queued behind them.
   */
  public void inOrder(String what, Runnable action) {
    if (Thread.currentThread() == writer) {
      action.run();
    } else {
      submit(what, action);
    }
  }

  /**
   * Waits until every write queued before this call is in the store, for at most a few seconds. A
   * reader that must see the latest calls (the audit log, the quota snapshot) calls it first.
   */
  public void awaitWritten() {
    long target;
    synchronized (progress) {
      target = queued;
    }
    awaitWritten(target);
  }

  /**
   * Waits until the write with {@code ticket} (from {@link #submit}) and every one before it are in
   * the store, for at most a few seconds; returns at once when they are.
   */
  public void awaitWritten(long ticket) {
    if (Thread.currentThread() == writer) {
      return;
    }
    long deadline = System.nanoTime() + READ_WAIT.toNanos();
    synchronized (progress) {
      long target = ticket;
      while (written < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.warn("Reading the store while {} queued writes are still pending", target - written);
          return;
        }
        try {
          progress.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Writes out what is queued, then lets later submissions write on their own thread. */
  @PreDestroy
  void close() {
    Thread running;
    synchronized (progress) {
      closed = true;
      running = writer;
    }
    if (running != null) {
      queue.add(STOP);
      try {
        running.join(READ_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Started with the first write, so a process that makes no model call has no such thread. */
  private void startWriterOnce() {
    if (writer == null) {
      writer = new Thread(this::run, "coracle-after-answer-writes");
      writer.setDaemon(true);
      writer.start();
    }
  }

  private void run() {
    List<Write> batch = new ArrayList<>(BATCH);
    boolean stop = false;
    while (!stop) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      queue.drainTo(batch, BATCH - 1);
      stop = batch.remove(STOP);
      writeBatch(batch);
      batch.clear();
    }
  }

  private void writeBatch(List<Write> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      transactions.executeWrite(
          status -> {
            batch.forEach(write -> write.action().run());
            return null;
          });
    } catch (RuntimeException failed) {
      // One bad write must not cost the others theirs: each again, alone.
      log.debug("A batch of {} store writes failed; writing them one by one", batch.size(), failed);
      batch.forEach(this::runAlone);
    }
    synchronized (progress) {
      written += batch.size();
      progress.notifyAll();
    }
  }

  private void runAlone(Write write) {
    try {
      transactions.executeWrite(
          status -> {
            write.action().run();
            return null;
          });
    } catch (RuntimeException e) {
      log.warn("Could not write the {}", write.what(), e);
    }
  }
}
