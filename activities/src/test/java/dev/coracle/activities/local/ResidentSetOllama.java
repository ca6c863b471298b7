package dev.coracle.activities.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fake Ollama that only keeps a resident set, with the timing that makes the slot's polling
 * matter: a load takes {@code loadDelay}, and a model asked to unload leaves {@code unloadDelay}
 * after Ollama has already answered (or never, with {@link #ignoreUnloads()}). Like Ollama it
 * happily keeps two models resident, and counts the most it ever held at once.
 */
final class ResidentSetOllama implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, Long> resident = new LinkedHashMap<>();
  private final Map<String, Long> sizes = new HashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private volatile Duration loadDelay = Duration.ZERO;
  private volatile Duration unloadDelay = Duration.ZERO;
  private volatile boolean ignoreUnloads;
  private volatile int failStatus;
  private int maxResident;

  private ResidentSetOllama() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "resident-set-ollama");
              thread.setDaemon(true);
              return thread;
            }));
    server.createContext("/", this::dispatch);
  }

  static ResidentSetOllama start() {
    try {
      ResidentSetOllama fake = new ResidentSetOllama();
      fake.server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  ResidentSetOllama loadDelay(Duration delay) {
    loadDelay = delay;
    return this;
  }

  ResidentSetOllama unloadDelay(Duration delay) {
    unloadDelay = delay;
    return this;
  }

  /** Answers unload requests but keeps the model, as a stuck runner would. */
  ResidentSetOllama ignoreUnloads() {
    ignoreUnloads = true;
    return this;
  }

  /** Answers every generate and chat request with this HTTP status. */
  ResidentSetOllama failWith(int status) {
    failStatus = status;
    return this;
  }

  /** The {@code size} /api/ps reports for {@code model} (1 MiB unless set). */
  synchronized ResidentSetOllama size(String model, long bytes) {
    sizes.put(ResidentModel.canonical(model), bytes);
    return this;
  }

  /** Makes {@code model} resident as if an earlier call had loaded it. */
  synchronized ResidentSetOllama preload(String model) {
    add(ResidentModel.canonical(model));
    return this;
  }

  synchronized List<String> resident() {
    return List.copyOf(resident.keySet());
  }

  synchronized int maxResident() {
    return maxResident;
  }

  /** Requests in arrival order: {@code GET /api/ps}, {@code POST /api/generate m keep_alive=0}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** JSON bodies of the POST requests, in arrival order. */
  List<JsonNode> bodies() {
    return List.copyOf(bodies);
  }

  @Override
  public void close() {
    server.stop(0);
    timer.shutdownNow();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    try (exchange) {
      String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      switch (route) {
        case "GET /api/ps" -> {
          requests.add(route);
          send(exchange, 200, ps());
        }
        case "POST /api/generate", "POST /api/chat" -> generate(exchange, route);
        default -> send(exchange, 404, JSON.createObjectNode().put("error", "404 page not found"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void generate(HttpExchange exchange, String route)
      throws IOException, InterruptedException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    String model = ResidentModel.canonical(body.path("model").asText());
    JsonNode keepAlive = body.path("keep_alive");
    requests.add(route + " " + body.path("model").asText() + " keep_alive=" + keepAlive.asText());
    bodies.add(body);
    if (failStatus != 0) {
      send(exchange, failStatus, JSON.createObjectNode().put("error", "llama runner crashed"));
      return;
    }
    ObjectNode reply = JSON.createObjectNode().put("model", model).put("done", true);
    if (keepAlive.asText().matches("0[a-z]*")) {
      if (!ignoreUnloads) {
        timer.schedule(() -> remove(model), unloadDelay.toMillis(), TimeUnit.MILLISECONDS);
      }
      send(exchange, 200, reply.put("response", "").put("done_reason", "unload"));
      return;
    }
    Thread.sleep(loadDelay.toMillis());
    synchronized (this) {
      add(model);
    }
    if (route.endsWith("chat")) {
      reply.putObject("message").put("role", "assistant").put("content", "ok");
    } else {
      reply.put("response", "");
    }
    send(exchange, 200, reply.put("done_reason", "stop"));
  }

  private void add(String model) {
    resident.put(model, sizes.getOrDefault(model, 1L << 20));
    maxResident = Math.max(maxResident, resident.size());
  }

  private synchronized void remove(String model) {
    resident.remove(model);
  }

  private synchronized ObjectNode ps() {
    ObjectNode ps = JSON.createObjectNode();
    ArrayNode models = ps.putArray("models");
    String expiry = Instant.now().plus(Duration.ofMinutes(5)).toString();
    resident.forEach(
        (name, size) ->
            models
                .addObject()
                .put("name", name)
                .put("model", name)
                .put("size", size)
                .put("size_vram", 0)
                .put("expires_at", expiry));
    return ps;
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
