package dev.coracle.activities.tools.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener on one loopback port, TCP and UDP, that records every connection and datagram that
 * reaches it: the test's evidence that nothing was sent to an address the tools must not reach.
 */
public final class Canary implements AutoCloseable {

  private final ServerSocket tcp;
  private final DatagramSocket udp;
  private final List<String> arrivals = new CopyOnWriteArrayList<>();

  public Canary() {
    try {
      tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      udp = new DatagramSocket(null);
      udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    daemon(this::acceptTcp, "canary-tcp");
    daemon(this::receiveUdp, "canary-udp");
  }

  public int port() {
    return tcp.getLocalPort();
  }

  /** What arrived, one line each: {@code tcp from …} or {@code udp N bytes from …}. */
  public List<String> arrivals() {
    return List.copyOf(arrivals);
  }

  private void acceptTcp() {
    while (!tcp.isClosed()) {
      try (Socket connection = tcp.accept()) {
        arrivals.add("tcp from " + connection.getRemoteSocketAddress());
      } catch (IOException e) {
        // Closed at the end of the test.
      }
    }
  }

  private void receiveUdp() {
    byte[] buffer = new byte[2048];
    while (!udp.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        arrivals.add("udp " + packet.getLength() + " bytes from " + packet.getSocketAddress());
      } catch (IOException e) {
        // Closed at the end of the test.
      }
    }
  }

  private static void daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
