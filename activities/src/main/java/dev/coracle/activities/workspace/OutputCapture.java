package dev.coracle.activities.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Drains a process's output, keeping its first and last bytes within a bound. A command may print
 * without end; the start says what it did and the end how it finished, so both are kept.
 */
final class OutputCapture implements Runnable {

  private final InputStream in;
  private final byte[] head;
  private final byte[] tail;
  private int headLength;
  private long total;
  private volatile boolean finished;

  OutputCapture(InputStream in, int maxBytes) {
    this.in = in;
    this.head = new byte[Math.max(1, maxBytes / 2)];
    this.tail = new byte[Math.max(1, maxBytes - head.length)];
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        append(buffer, n);
      }
    } catch (IOException e) {
      // The stream is closed when the process is gone; what was read is the output.
    } finally {
      finished = true;
    }
  }

  boolean finished() {
    return finished;
  }

  /** Every byte the process wrote, including those not kept. */
  synchronized long total() {
    return total;
  }

  /** The output as text; when bytes were dropped, a line in the middle says how many. */
  synchronized String text() {
    long beyondHead = total - headLength;
    byte[] start = Arrays.copyOf(head, headLength);
    if (beyondHead <= tail.length) {
      byte[] whole = Arrays.copyOf(start, headLength + (int) beyondHead);
      System.arraycopy(tail, 0, whole, headLength, (int) beyondHead);
      return TextFiles.decode(whole);
    }
    int position = (int) (beyondHead % tail.length);
    byte[] end = new byte[tail.length];
    System.arraycopy(tail, position, end, 0, tail.length - position);
    System.arraycopy(tail, 0, end, tail.length - position, position);
    long dropped = beyondHead - tail.length;
    return TextFiles.decode(start)
        + "\n… ["
        + dropped
        + " bytes of output dropped] …\n"
        + TextFiles.decode(end);
  }

  private synchronized void append(byte[] buffer, int n) {
    int offset = 0;
    if (headLength < head.length) {
      int toHead = Math.min(n, head.length - headLength);
      System.arraycopy(buffer, 0, head, headLength, toHead);
      headLength += toHead;
      total += toHead;
      offset = toHead;
    }
    while (offset < n) {
      int position = (int) ((total - headLength) % tail.length);
      int chunk = Math.min(n - offset, tail.length - position);
      System.arraycopy(buffer, offset, tail, position, chunk);
      total += chunk;
      offset += chunk;
    }
  }
}
