package dev.coracle.activities.local;

import static dev.coracle.activities.local.TestSlots.CODER;
import static dev.coracle.activities.local.TestSlots.GIB;
import static dev.coracle.activities.local.TestSlots.MIB;
import static dev.coracle.activities.local.TestSlots.REASONING;
import static dev.coracle.activities.local.TestSlots.chat;
import static dev.coracle.activities.local.TestSlots.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.local.TestSlots.FakeMemory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalModelSlotTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final ResidentSetOllama ollama = ResidentSetOllama.start();
  private final FakeMemory memory = new FakeMemory(16 * GIB);

  @AfterEach
  void stop() {
    ollama.close();
  }

  @Test
  void the_fake_sees_two_resident_models_when_nothing_swaps_them() {
    chat(ollama.baseUrl(), REASONING, "5m");
    chat(ollama.baseUrl(), CODER, "5m");

    assertThat(ollama.maxResident()).isEqualTo(2);
  }

  @Test
  void alternating_models_are_never_resident_together() throws IOException {
    ollama.loadDelay(Duration.ofMillis(20)).unloadDelay(Duration.ofMillis(250));
    LocalModelSlot slot = slot(ollama.baseUrl(), memory, WAIT);

    for (int round = 0; round < 3; round++) {
      for (String model : List.of(REASONING, CODER)) {
        slot.prepare(ollama.baseUrl(), model);
        chat(ollama.baseUrl(), model, slot.keepAlive());
        assertThat(slot.residentOnly(model)).isTrue();
      }
    }

    assertThat(ollama.maxResident()).isEqualTo(1);
    assertThat(ollama.requests()).filteredOn(r -> r.endsWith("keep_alive=0")).hasSize(5);
    assertThat(ollama.requests())
        .filteredOn(r -> r.startsWith("POST /api/chat"))
        .allMatch(r -> r.endsWith("keep_alive=5m"));
    assertThat(slot.state().swaps()).isEqualTo(5);
    assertThat(slot.state().residentModel()).isEqualTo(CODER);
  }

  @Test
  void prepare_returns_only_after_ps_shows_the_old_model_gone() throws IOException {
    ollama.preload(REASONING).unloadDelay(Duration.ofMillis(400));
    LocalModelSlot slot = slot(ollama.baseUrl(), memory, WAIT);

    slot.prepare(ollama.baseUrl(), CODER);

    assertThat(ollama.resident()).isEmpty();
    List<String> requests = ollama.requests();
    int unload = requests.indexOf("POST /api/generate " + REASONING + " keep_alive=0");
    assertThat(requests.subList(unload + 1, requests.size()))
        .hasSizeGreaterThan(2)
        .containsOnly("GET /api/ps");
    assertThat(slot.state().lastSwap()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(slot.state().residentModel()).isEqualTo(CODER);
  }

  @Test
  void a_model_that_will_not_unload_fails_after_the_bounded_wait() {
    ollama.preload(REASONING).ignoreUnloads();
    LocalModelSlot slot = slot(ollama.baseUrl(), memory, Duration.ofMillis(300));

    assertThatThrownBy(() -> slot.prepare(ollama.baseUrl(), CODER))
        .isInstanceOf(SlotUnavailableException.class)
        .hasMessage(
            "not loading qwen2.5-coder:7b: Ollama still has qwen2.5:7b resident 300 ms after"
                + " being asked to unload it");
    assertThat(slot.state().refusing()).isTrue();
    assertThat(ollama.requests()).noneMatch(r -> r.startsWith("POST /api/chat"));
  }

  @Test
  void below_the_ram_floor_nothing_is_unloaded_and_status_says_why() throws IOException {
    ollama.size(REASONING, GIB).preload(REASONING);
    memory.set(512 * MIB);
    LocalModelSlot slot = slot(ollama.baseUrl(), memory, WAIT);

    assertThatThrownBy(() -> slot.prepare(ollama.baseUrl(), CODER))
        .isInstanceOf(SlotUnavailableException.class)
        .hasMessage(
            "not loading qwen2.5-coder:7b: 0.5 GiB free (1.5 GiB once qwen2.5:7b is unloaded),"
                + " below the 2.0 GiB floor (local.ollama.min-free-ram-mb)");

    assertThat(ollama.requests()).containsExactly("GET /api/ps");
    assertThat(ollama.resident()).containsExactly(REASONING);
    SlotState refused = slot.state();
    assertThat(refused.refusing()).isTrue();
    assertThat(refused.lastRefusal()).startsWith("not loading qwen2.5-coder:7b: 0.5 GiB free");
    assertThat(refused.lastRefusalAt()).isNotNull();
    assertThat(refused.swaps()).isZero();

    memory.set(4 * GIB);
    slot.prepare(ollama.baseUrl(), CODER);
    assertThat(slot.state().refusing()).isFalse();
    assertThat(slot.state().residentModel()).isEqualTo(CODER);
  }

  @Test
  void memory_the_unloaded_model_gives_back_counts_toward_the_floor() throws IOException {
    ollama.size(REASONING, GIB).preload(REASONING);
    memory.set(1536 * MIB);
    LocalModelSlot slot = slot(ollama.baseUrl(), memory, WAIT);

    slot.prepare(ollama.baseUrl(), CODER);

    assertThat(ollama.resident()).isEmpty();
    assertThat(slot.state().swaps()).isEqualTo(1);
  }

  @Test
  void a_resident_model_needs_no_unload_and_no_memory() throws IOException {
    ollama.preload(CODER);
    memory.set(100 * MIB);
    LocalModelSlot slot = slot(ollama.baseUrl(), memory, WAIT);

    slot.prepare(ollama.baseUrl(), CODER);

    assertThat(ollama.requests()).containsExactly("GET /api/ps");
    assertThat(slot.state().swaps()).isZero();
    assertThat(slot.state().lastSwap()).isNull();
    assertThat(slot.state().residentModel()).isEqualTo(CODER);
  }

  @Test
  void a_model_named_without_its_tag_is_found_resident() throws IOException {
    ollama.preload("llama3.2:latest");
    LocalModelSlot slot = slot(ollama.baseUrl(), memory, WAIT);

    slot.prepare(ollama.baseUrl(), "llama3.2");

    assertThat(ollama.requests()).containsExactly("GET /api/ps");
    assertThat(slot.residentOnly("llama3.2")).isTrue();
  }

  @Test
  void unreachable_ollama_is_a_clear_io_exception() {
    String baseUrl = ollama.baseUrl();
    ollama.close();
    LocalModelSlot slot = slot(baseUrl, memory, WAIT);

    assertThatThrownBy(() -> slot.prepare(baseUrl, CODER))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Ollama at " + baseUrl + " is not reachable: ")
        .hasMessageEndingWith("(GET /api/ps, to list resident models)");
    assertThat(slot.state().refusing()).isTrue();
    assertThat(slot.state().lastRefusal()).contains("not reachable");
  }

  @Test
  void keep_alive_comes_from_config_in_a_form_ollama_accepts() {
    MemoryProbe any = () -> GIB;
    assertThat(new LocalModelSlot(TestSlots.config("http://x", "10m", 0), any).keepAlive())
        .isEqualTo("10m");
    assertThat(new LocalModelSlot(TestSlots.config("http://x", "300", 0), any).keepAlive())
        .isEqualTo("300s");
    assertThat(new LocalModelSlot(TestSlots.config("http://x", "-1", 0), any).keepAlive())
        .isEqualTo("-1s");
    assertThat(new LocalModelSlot(TestSlots.config("http://x", null, 0), any).keepAlive())
        .isEqualTo("5m");
  }

  @Test
  void a_floor_of_zero_never_refuses() throws IOException {
    LocalModelSlot slot = new LocalModelSlot(TestSlots.config(ollama.baseUrl(), "5m", 0), () -> 0L);

    slot.prepare(null, CODER);

    assertThat(slot.state().refusing()).isFalse();
    assertThat(slot.state().residentModel()).isEqualTo(CODER);
  }
}
