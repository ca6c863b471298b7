package dev.coracle.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Common plumbing of the fake upstreams: a real HTTP server on an ephemeral loopback port, one
 * thread per request so concurrent calls really overlap, a request log, and a count of generations
 * in flight.
 */
public abstract class FakeUpstreamServer<S extends FakeUpstreamServer<S>> implements AutoCloseable {

  protected static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Duration generationDelay = Duration.ZERO;
  private volatile Duration slowDelay = Duration.ofMillis(300);
  private volatile Duration slowChunkDelay = Duration.ofMillis(40);
  private volatile Duration steadyPause = Duration.ofMillis(400);

  protected FakeUpstreamServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, getClass().getSimpleName());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  /** Answers one recorded request; throw {@link DropConnection} to cut the connection. */
  protected abstract void handle(HttpExchange exchange, RecordedRequest request)
      throws IOException, InterruptedException;

  public abstract String baseUrl();

  @SuppressWarnings("unchecked")
  public S start() {
    server.start();
    return (S) this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests to one path, e.g. {@code /v1/chat/completions}. */
  public List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** The most generations this server was producing at the same moment. */
  public int maxConcurrent() {
    return maxInFlight.get();
  }

  /** Forgets the request log and the concurrency high-water mark. */
  public void reset() {
    requests.clear();
    maxInFlight.set(inFlight.get());
  }

  /** Added to every generation, so tests can make calls overlap on purpose. */
  public void setGenerationDelay(Duration delay) {
    this.generationDelay = delay;
  }

  /** How long the {@code slow} model thinks before its first token. */
  public void setSlowDelay(Duration delay) {
    this.slowDelay = delay;
  }

  /** The pause between two tokens of the {@code steady-slow} model. */
  public void setSteadyPause(Duration pause) {
    this.steadyPause = pause;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /**
   * Runs one generation, counting it as in flight and applying the configured delays. The body
   * receives the pause to make between streamed chunks.
   */
  protected void generate(FakeBehaviour behaviour, GenerationBody body)
      throws IOException, InterruptedException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(generationDelay.toMillis());
      Duration pause = Duration.ZERO;
      if (behaviour == FakeBehaviour.SLOW) {
        Thread.sleep(slowDelay.toMillis());
        pause = slowChunkDelay;
      } else if (behaviour == FakeBehaviour.STEADY_SLOW) {
        pause = steadyPause;
      }
      body.run(pause);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** The part of a generation that writes the answer. */
  @FunctionalInterface
  protected interface GenerationBody {
    void run(Duration pauseBetweenChunks) throws IOException, InterruptedException;
  }

  /** Thrown by a handler to close the socket mid-response, as a crashing upstream would. */
  protected static final class DropConnection extends RuntimeException {
    public DropConnection() {
      super("fake upstream dropped the connection on purpose", null, false, false);
    }

    /**
     * Waits before dropping: the JDK client discards body bytes it has not yet handed to the reader
     * when the connection fails, so without the pause the chunks already sent could be lost and the
     * test would not see a stream that broke after tokens.
     */
    static DropConnection afterClientRead() throws InterruptedException {
      Thread.sleep(300);
      return new DropConnection();
    }
  }

  /**
   * Keeps the connection open and sends nothing more, as a stalled upstream does, until the client
   * gives up or the server closes (which interrupts this thread).
   */
  protected static void stall() throws InterruptedException {
    Thread.sleep(Duration.ofMinutes(10).toMillis());
  }

  /**
   * Sends the first half of a JSON body in a chunked response and drops the connection: a plain
   * answer cut off in transit.
   */
  protected static void sendTruncatedJson(HttpExchange exchange, Object body)
      throws IOException, InterruptedException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes, 0, bytes.length / 2);
    out.flush();
    throw DropConnection.afterClientRead();
  }

  protected static void sendJson(HttpExchange exchange, int status, Object body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Writes and flushes at once, so each chunk leaves as its own piece of the chunked body. */
  protected static void writeChunk(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    RecordedRequest request = record(exchange);
    requests.add(request);
    try {
      handle(exchange, request);
    } catch (DropConnection drop) {
      // Escaping without close() makes the JDK server shut the socket before the chunked body
      // ends, which is what a client sees when an upstream crashes mid-stream.
      throw drop;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (exchange.getResponseCode() == -1) {
        sendJson(exchange, 500, Map.of("error", "fake upstream bug: " + e));
      }
    }
    exchange.close();
  }

  private static RecordedRequest record(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    JsonNode body = MissingNode.getInstance();
    if (raw.length > 0) {
      try {
        body = JSON.readTree(raw);
      } catch (IOException notJson) {
        // Recorded as missing: the handlers answer 400 where a body was required.
      }
    }
    Map<String, List<String>> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    return new RecordedRequest(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getPath(),
        headers,
        body,
        Instant.now(),
        exchange.getRequestURI().getRawQuery());
  }

  /** Reads {@code stop} given either as one string or as an array of strings. */
  protected static List<String> stopSequences(JsonNode stop) {
    List<String> sequences = new ArrayList<>();
    if (stop.isTextual()) {
      sequences.add(stop.asText());
    } else if (stop.isArray()) {
      stop.forEach(s -> sequences.add(s.asText()));
    }
    return sequences;
  }

  protected static Integer intOrNull(JsonNode node) {
    return node.isNumber() ? node.asInt() : null;
  }
}
