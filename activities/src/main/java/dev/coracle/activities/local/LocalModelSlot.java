package dev.coracle.activities.local;

import dev.coracle.activities.config.CoracleConfig.OllamaConfig;
import dev.coracle.activities.config.LoadedConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single LLM slot's model lifecycle: at most one local model resident in Ollama. Before a local
 * call the model activity, already alone on the {@code coracle-llm} queue, calls {@link #prepare};
 * it unloads whatever other model Ollama holds and waits until {@code /api/ps} shows it gone. The
 * call itself then loads the model, carrying {@link #keepAlive()}, so a model is never loaded
 * twice.
 */
@Singleton
public class LocalModelSlot {
  private static final Logger log = LoggerFactory.getLogger(LocalModelSlot.class);

  static final Duration UNLOAD_WAIT = Duration.ofSeconds(15);
  static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final String DEFAULT_KEEP_ALIVE = "5m";

  private final OllamaConfig config;
  private final RamFloor floor;
  private final Clock clock;
  private final Duration unloadWait;
  private final Duration pollInterval;
  private final Map<String, OllamaAdmin> admins = new ConcurrentHashMap<>();
  private volatile SlotState state = SlotState.empty();
  private volatile String lastBaseUrl;

  @Inject
  public LocalModelSlot(LoadedConfig loaded, MemoryProbe memory) {
    this(loaded, memory, Clock.systemUTC(), UNLOAD_WAIT, POLL_INTERVAL);
  }

  LocalModelSlot(
      LoadedConfig loaded,
      MemoryProbe memory,
      Clock clock,
      Duration unloadWait,
      Duration pollInterval) {
    this.config = loaded.config().local().ollama();
    this.floor = new RamFloor(config.minFreeRamMb(), memory);
    this.clock = clock;
    this.unloadWait = unloadWait;
    this.pollInterval = pollInterval;
  }

  /**
   * Makes room for {@code model} on the Ollama at {@code baseUrl}: unloads every other resident
   * model and returns once {@code /api/ps} no longer lists them. Does not load {@code model}; the
   * call that follows does.
   *
   * @throws SlotUnavailableException when free memory is below the floor (nothing is unloaded then)
   *     or Ollama keeps another model longer than the bounded wait
   * @throws IOException when Ollama cannot be reached or answers with an error
   */
  public synchronized void prepare(String baseUrl, String model) throws IOException {
    OllamaAdmin admin = admin(baseUrl);
    lastBaseUrl = admin.baseUrl();
    try {
      Duration swap = makeRoom(admin, model);
      state = state.prepared(model, clock.instant(), swap);
    } catch (IOException | SlotUnavailableException e) {
      state = state.refused(e.getMessage(), clock.instant());
      log.warn("LLM slot: {}", e.getMessage());
      throw e;
    }
  }

  /**
   * Ollama's {@code keep_alive} for local calls, as a Go duration string Ollama accepts ({@code
   * 5m}, {@code 300s}, {@code -1s} for ever).
   */
  public String keepAlive() {
    String keepAlive = config.keepAlive() == null ? "" : config.keepAlive().trim();
    if (keepAlive.isEmpty()) {
      return DEFAULT_KEEP_ALIVE;
    }
    // A bare number is seconds in Ollama's JSON number form, but its string form needs a unit.
    return keepAlive.matches("-?\\d+") ? keepAlive + "s" : keepAlive;
  }

  /** What the slot holds and has done, for status. */
  public SlotState state() {
    return state;
  }

  /** Whether {@code model} is the one and only model Ollama has in memory now. */
  public boolean residentOnly(String model) throws IOException {
    String baseUrl = lastBaseUrl != null ? lastBaseUrl : config.baseUrl();
    List<ResidentModel> resident = admin(baseUrl).ps();
    return resident.size() == 1 && resident.get(0).matches(model);
  }

  /** Unloads the other models and returns how long that took, or null when there were none. */
  private Duration makeRoom(OllamaAdmin admin, String model) throws IOException {
    List<ResidentModel> resident = admin.ps();
    List<ResidentModel> others = others(resident, model);
    if (others.size() == resident.size()) {
      Optional<String> refusal = floor.refusal(model, others);
      if (refusal.isPresent()) {
        throw new SlotUnavailableException(refusal.get());
      }
    }
    if (others.isEmpty()) {
      return null;
    }
    long started = System.nanoTime();
    unloadAndConfirm(admin, model, others);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    log.info("LLM slot: unloaded {} for {} in {} ms", names(others), model, took.toMillis());
    return took;
  }

  /**
   * Ollama answers an unload before the memory is free, so {@code /api/ps} is polled until the
   * models are gone. A model someone else loads meanwhile is unloaded too.
   */
  private void unloadAndConfirm(OllamaAdmin admin, String model, List<ResidentModel> others)
      throws IOException {
    Set<String> asked = new HashSet<>();
    long deadline = System.nanoTime() + unloadWait.toNanos();
    while (true) {
      for (ResidentModel other : others) {
        if (asked.add(other.name())) {
          admin.unload(other.name());
        }
      }
      others = others(admin.ps(), model);
      if (others.isEmpty()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new SlotUnavailableException(
            "not loading "
                + model
                + ": Ollama still has "
                + names(others)
                + " resident "
                + readable(unloadWait)
                + " after being asked to unload it");
      }
      pause();
    }
  }

  private void pause() throws InterruptedIOException {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for Ollama to unload a model");
    }
  }

  private OllamaAdmin admin(String baseUrl) {
    String url = baseUrl == null || baseUrl.isBlank() ? config.baseUrl() : baseUrl;
    Duration loadTimeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
    return admins.computeIfAbsent(
        url, key -> new OllamaAdmin(key, OllamaAdmin.ADMIN_TIMEOUT, loadTimeout));
  }

  private static List<ResidentModel> others(List<ResidentModel> resident, String model) {
    return resident.stream().filter(r -> !r.matches(model)).toList();
  }

  private static String readable(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static String names(List<ResidentModel> models) {
    return String.join(", ", models.stream().map(ResidentModel::name).toList());
  }
}
