package dev.coracle.activities.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.activities.model.ProviderHealth;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.model.ModelTarget;
import dev.coracle.workflows.model.RoutePlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real router over a real catalog and real health probes against a fake Ollama. */
class RouterTest {

  static final String GROQ =
      """
        - name: groq
          kind: openai-compatible
          base-url: https://api.groq.com/openai/v1
          api-key: "${GROQ_API_KEY}"
          models: [llama-3.3-70b-versatile, qwen/qwen3-32b]
      """;
  static final String OPENROUTER =
      """
        - name: openrouter
          kind: openai-compatible
          base-url: https://openrouter.ai/api/v1
          api-key: "${OPENROUTER_API_KEY}"
          models: [deepseek/deepseek-chat]
      """;
  static final String LM_STUDIO =
      """
        - name: lmstudio
          kind: openai-compatible
          base-url: http://127.0.0.1:1234/v1
          local: true
          models: [qwen3-8b]
      """;
  static final Map<String, String> KEYS = Map.of("GROQ_API_KEY", "gsk-test");

  static final ModelTarget OLLAMA_REASONING =
      new ModelTarget("ollama", "qwen2.5:7b", true, 300, 1800);
  static final ModelTarget OLLAMA_CODER =
      new ModelTarget("ollama", "qwen2.5-coder:7b", true, 300, 1800);
  static final ModelTarget GROQ_LLAMA =
      new ModelTarget("groq", "llama-3.3-70b-versatile", false, 120, 1800);
  static final ModelTarget GROQ_QWEN = new ModelTarget("groq", "qwen/qwen3-32b", false, 120, 1800);

  @TempDir Path home;
  FakeOllamaServer ollama;

  @BeforeEach
  void startOllama() {
    ollama = new FakeOllamaServer().start();
  }

  @AfterEach
  void stopOllama() {
    ollama.close();
  }

  Router router(String ollamaUrl, Map<String, String> env, String... providers) throws IOException {
    String yaml =
        "local:\n  ollama:\n    base-url: \""
            + ollamaUrl
            + "\"\n"
            + (providers.length == 0 ? "" : "providers:\n" + String.join("", providers));
    Files.writeString(home.resolve("coracle.yml"), yaml);
    LoadedConfig loaded = ConfigLoader.load(home, env);
    return new Router(new ProviderCatalog(loaded), new ProviderHealth(loaded), loaded);
  }

  static RoutePlan route(Router router, String model, RequestClass requestClass) {
    ChatRequest request =
        new ChatRequest(
            model, List.of(new ChatMessage("user", "hello")), SamplingParams.defaults(), null);
    return router.route(request, new Classification(requestClass, 0.9, "rules", "test"));
  }

  /** A loopback port nothing listens on. */
  static String closedPortUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  void fast_tries_the_local_reasoning_model_first_then_cloud() throws IOException {
    Router router = router(ollama.baseUrl(), KEYS, GROQ);

    RoutePlan plan = route(router, "coracle", RequestClass.FAST);

    assertThat(plan.candidates()).containsExactly(OLLAMA_REASONING, GROQ_LLAMA, GROQ_QWEN);
    assertThat(plan.unavailable()).isNull();
    assertThat(ollama.requests("/api/tags")).hasSize(1);
  }

  @Test
  void deep_tries_cloud_first_then_the_local_coder_model() throws IOException {
    Router router = router(ollama.baseUrl(), KEYS, GROQ);

    RoutePlan plan = route(router, "coracle", RequestClass.DEEP);

    assertThat(plan.candidates()).containsExactly(GROQ_LLAMA, GROQ_QWEN, OLLAMA_CODER);
  }

  @Test
  void research_tries_cloud_first_then_the_local_reasoning_model() throws IOException {
    Router router = router(ollama.baseUrl(), KEYS, GROQ);

    RoutePlan plan = route(router, "coracle", RequestClass.RESEARCH);

    assertThat(plan.candidates()).containsExactly(GROQ_LLAMA, GROQ_QWEN, OLLAMA_REASONING);
  }

  @Test
  void ollama_health_probe_is_remembered_between_routes() throws IOException {
    Router router = router(ollama.baseUrl(), KEYS, GROQ);

    route(router, "coracle", RequestClass.FAST);
    route(router, "coracle", RequestClass.DEEP);

    assertThat(ollama.requests("/api/tags")).hasSize(1);
  }

  @Test
  void ollama_that_is_down_is_left_out() throws IOException {
    Router router = router(closedPortUrl(), KEYS, GROQ);

    RoutePlan plan = route(router, "coracle", RequestClass.FAST);

    assertThat(plan.candidates()).containsExactly(GROQ_LLAMA, GROQ_QWEN);
  }

  @Test
  void ollama_that_is_down_is_named_in_the_reason() throws IOException {
    String url = closedPortUrl();
    Router router = router(url, Map.of());

    RoutePlan plan = route(router, "coracle", RequestClass.FAST);

    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.unavailable())
        .isEqualTo("no provider can serve this request: ollama: not reachable at " + url);
  }

  @Test
  void provider_with_unset_key_is_skipped_and_named_in_the_reason() throws IOException {
    Router withOllama = router(ollama.baseUrl(), Map.of(), GROQ);
    Router cloudOnly = router(closedPortUrl(), Map.of(), GROQ);

    RoutePlan plan = route(withOllama, "coracle", RequestClass.DEEP);
    RoutePlan nothing = route(cloudOnly, "coracle", RequestClass.DEEP);

    assertThat(plan.candidates()).containsExactly(OLLAMA_CODER);
    assertThat(nothing.unavailable()).contains("groq: GROQ_API_KEY is not set");
  }

  @Test
  void loopback_openai_compatible_provider_without_a_key_is_usable() throws IOException {
    Router router = router(closedPortUrl(), Map.of(), LM_STUDIO);

    RoutePlan plan = route(router, "coracle", RequestClass.FAST);

    assertThat(plan.candidates())
        .containsExactly(new ModelTarget("lmstudio", "qwen3-8b", true, 120, 1800));
  }

  @Test
  void remote_provider_without_any_key_is_skipped() throws IOException {
    String noKey =
        """
          - name: together
            kind: openai-compatible
            base-url: https://api.together.xyz/v1
            models: [meta-llama/Llama-3.3-70B-Instruct-Turbo]
        """;
    Router router = router(closedPortUrl(), Map.of(), noKey);

    RoutePlan plan = route(router, "coracle", RequestClass.FAST);

    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.unavailable()).contains("together: no API key configured");
  }

  @Test
  void direct_provider_model_routes_only_there() throws IOException {
    Router router = router(ollama.baseUrl(), KEYS, GROQ);

    RoutePlan plan = route(router, "groq/qwen/qwen3-32b", RequestClass.FAST);

    assertThat(plan.candidates()).containsExactly(GROQ_QWEN);
  }

  @Test
  void direct_local_model_routes_only_to_ollama() throws IOException {
    Router router = router(ollama.baseUrl(), KEYS, GROQ);

    RoutePlan plan = route(router, "ollama/qwen2.5-coder:7b", RequestClass.FAST);

    assertThat(plan.candidates()).containsExactly(OLLAMA_CODER);
  }

  @Test
  void unknown_direct_model_gives_an_empty_plan_with_the_reason() throws IOException {
    Router router = router(ollama.baseUrl(), KEYS, GROQ);

    RoutePlan plan = route(router, "groq/gpt-5", RequestClass.FAST);

    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.unavailable()).isEqualTo("model groq/gpt-5 is not configured");
  }

  @Test
  void direct_model_of_an_unusable_provider_gives_the_reason() throws IOException {
    Router router = router(ollama.baseUrl(), Map.of(), GROQ);

    RoutePlan plan = route(router, "groq/llama-3.3-70b-versatile", RequestClass.FAST);

    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.unavailable())
        .isEqualTo("no provider can serve this request: groq: GROQ_API_KEY is not set");
  }

  @Test
  void nothing_usable_gives_an_empty_plan_listing_every_skipped_provider() throws IOException {
    String url = closedPortUrl();
    Router router = router(url, Map.of(), GROQ, OPENROUTER);

    RoutePlan plan = route(router, "coracle", RequestClass.FAST);

    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.unavailable())
        .isEqualTo(
            "no provider can serve this request: ollama: not reachable at "
                + url
                + "; groq: GROQ_API_KEY is not set; openrouter: OPENROUTER_API_KEY is not set");
  }

  @Test
  void nothing_configured_says_how_to_add_a_provider() throws IOException {
    Files.writeString(home.resolve("coracle.yml"), "local:\n  ollama:\n    enabled: false\n");
    LoadedConfig loaded = ConfigLoader.load(home, Map.of());
    Router router = new Router(new ProviderCatalog(loaded), new ProviderHealth(loaded), loaded);

    RoutePlan plan = route(router, "coracle", RequestClass.FAST);

    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.unavailable())
        .isEqualTo(
            "no model provider is configured: start Ollama or add a provider to coracle.yml");
  }

  @Test
  void configured_class_order_replaces_the_default_order() throws IOException {
    Files.writeString(
        home.resolve("coracle.yml"),
        "local:\n  ollama:\n    base-url: \""
            + ollama.baseUrl()
            + "\"\nproviders:\n"
            + GROQ
            + "routing:\n  fast: [groq/qwen/qwen3-32b, ollama/qwen2.5:7b]\n");
    LoadedConfig loaded = ConfigLoader.load(home, KEYS);
    Router router = new Router(new ProviderCatalog(loaded), new ProviderHealth(loaded), loaded);

    assertThat(route(router, "coracle", RequestClass.FAST).candidates())
        .containsExactly(GROQ_QWEN, OLLAMA_REASONING);
    assertThat(route(router, "coracle", RequestClass.DEEP).candidates())
        .as("classes without a configured order keep the default")
        .startsWith(GROQ_LLAMA);
  }

  @Test
  void routing_entry_naming_an_unknown_model_is_a_config_error() throws IOException {
    Files.writeString(
        home.resolve("coracle.yml"), "providers:\n" + GROQ + "routing:\n  deep: [groq/gpt-9]\n");

    assertThatThrownBy(() -> ConfigLoader.load(home, KEYS))
        .isInstanceOf(dev.coracle.activities.config.ConfigException.class)
        .hasMessageContaining("routing.deep: 'groq/gpt-9' is not a configured provider/model");
  }

  @Test
  void browser_fallback_comes_last_and_never_serves_agents() throws IOException {
    Files.writeString(
        home.resolve("coracle.yml"),
        "local:\n  ollama:\n    base-url: \""
            + ollama.baseUrl()
            + "\"\nproviders:\n"
            + GROQ
            + "browser:\n  enabled: true\n  sites:\n    - name: claude\n      enabled: true\n");
    LoadedConfig loaded = ConfigLoader.load(home, KEYS);
    Router router = new Router(new ProviderCatalog(loaded), new ProviderHealth(loaded), loaded);

    List<ModelTarget> chat = route(router, "coracle", RequestClass.DEEP).candidates();
    assertThat(chat.get(chat.size() - 1).qualifiedName()).isEqualTo("browser/claude");
    ChatRequest agent =
        new ChatRequest(
            "coracle",
            List.of(new ChatMessage("user", "read the file")),
            SamplingParams.defaults(),
            null,
            new dev.coracle.workflows.chat.AgentTools(
                List.of(new dev.coracle.workflows.chat.ToolDefinition("read", null, null, null)),
                null,
                null),
            false);
    assertThat(
            router
                .route(agent, new Classification(RequestClass.DEEP, 0.9, "rules", "t"))
                .candidates())
        .extracting(ModelTarget::provider)
        .doesNotContain("browser");
  }
}
