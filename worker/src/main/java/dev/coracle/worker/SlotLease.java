package dev.coracle.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who of the workers of one host polls its LLM slot. Each process that shares a host id waits for
 * an exclusive lock on one file; the holder polls {@code coracle-llm@<host-id>}, the others stand
 * by. The operating system drops the lock when its process dies, {@code kill -9} included, so a
 * standby takes over at once, and the model in flight is retried there once its heartbeat times
 * out. A queue with one poller per host is what keeps local generations to one at a time: two
 * processes that each took one task at a time would otherwise run two.
 *
 * <p>The lock is only as shared as the directory: the workers of one host must see the same file,
 * which is what "the same host" means (the same machine, the same models).
 */
public final class SlotLease implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlotLease.class);

  private final Path file;
  private final FileChannel channel;
  private volatile FileLock lock;
  private volatile Thread waiter;
  private final CountDownLatch acquired = new CountDownLatch(1);

  private SlotLease(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** The lease of {@code hostId}'s slot, in {@code directory}. Not yet held. */
  public static SlotLease forHost(Path directory, String hostId) {
    Path file = directory.resolve("coracle-llm@" + hostId + ".lock");
    try {
      Files.createDirectories(directory);
      return new SlotLease(
          file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the LLM slot's lock " + file, e);
    }
  }

  /**
   * Calls {@code onHeld} once this process holds the slot: at once when no other worker of the host
   * holds it, else when that one ends. The wait runs on a daemon thread.
   */
  public void whenHeld(Runnable onHeld) {
    Thread thread =
        new Thread(
            () -> {
              try {
                lock = channel.lock();
              } catch (ClosedChannelException closed) {
                return; // Closed while standing by: this process is stopping.
              } catch (IOException e) {
                log.error(
                    "cannot lock the LLM slot {}; this worker will not run local models", file, e);
                return;
              }
              log.info("holding the LLM slot ({}); polling the local-model queue", file);
              onHeld.run();
              acquired.countDown();
            },
            "coracle-slot-lease");
    thread.setDaemon(true);
    waiter = thread;
    thread.start();
  }

  /** True while this process holds the slot. */
  public boolean held() {
    FileLock current = lock;
    return current != null && current.isValid();
  }

  /** Waits up to {@code wait} for the slot; true when this process holds it. */
  public boolean awaitHeld(Duration wait) {
    try {
      acquired.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return held();
  }

  public Path file() {
    return file;
  }

  /** Gives the slot up (a standby of the host takes it) or stops standing by. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing the LLM slot lock", e);
    }
    Thread thread = waiter;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
