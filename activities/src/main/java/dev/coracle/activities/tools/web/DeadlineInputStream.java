package dev.coracle.activities.tools.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input that gives up at the call's deadline. A socket timeout alone bounds one read, so
 * a server dripping a byte a second would keep a fetch alive for ever; this bounds the whole call.
 */
final class DeadlineInputStream extends FilterInputStream {

  private final Socket socket;
  private final Deadline deadline;

  DeadlineInputStream(Socket socket, InputStream in, Deadline deadline) {
    super(in);
    this.socket = socket;
    this.deadline = deadline;
  }

  @Override
  public int read() throws IOException {
    arm();
    return super.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    arm();
    return super.read(b, off, len);
  }

  private void arm() throws IOException {
    if (deadline.passed()) {
      throw new SocketTimeoutException("deadline passed");
    }
    socket.setSoTimeout(deadline.remainingMillis());
  }
}
