package dev.coracle.activities.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.config.CoracleConfig.ProviderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  static final String GROQ =
      """
      providers:
        - name: groq
          kind: openai-compatible
          base-url: https://api.groq.com/openai/v1
          api-key: "${GROQ_API_KEY}"
          models: [llama-3.3-70b-versatile]
      """;

  @TempDir Path home;

  LoadedConfig load(String yaml, Map<String, String> env) throws IOException {
    Files.writeString(home.resolve("coracle.yml"), yaml);
    return ConfigLoader.load(home, env);
  }

  ProviderConfig groq(LoadedConfig loaded) {
    return loaded.config().providers().stream()
        .filter(p -> p.name().equals("groq"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void no_file_gives_the_built_in_defaults() {
    LoadedConfig loaded = ConfigLoader.load(home, Map.of());

    CoracleConfig config = loaded.config();
    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.server().port()).isEqualTo(8787);
    assertThat(config.temporal().embedded()).isTrue();
    assertThat(config.local().ollama().enabled()).isTrue();
    assertThat(config.local().ollama().baseUrl()).isEqualTo("http://127.0.0.1:11434");
    assertThat(config.providers()).isEmpty();
    assertThat(config.chat().workflowTimeoutSeconds()).isEqualTo(900);
    assertThat(loaded.file()).isEqualTo(home.resolve("coracle.yml"));
    assertThat(loaded.databaseFile()).isEqualTo(home.resolve("coracle.db"));
    assertThat(loaded.unsetVariables()).isEmpty();
  }

  @Test
  void the_shipped_example_config_loads() throws IOException {
    // The example users copy must stay valid as keys change.
    String example = Files.readString(Path.of("..", "deploy", "coracle.example.yml"));

    LoadedConfig loaded = load(example, Map.of("CORACLE_API_KEY", "k-1"));

    assertThat(loaded.config().server().hasApiKey()).isTrue();
    assertThat(loaded.config().jobs().workspaceRoots()).containsExactly("~");
    assertThat(loaded.config().providers()).isNotEmpty();
  }

  @Test
  void empty_file_gives_the_built_in_defaults() throws IOException {
    LoadedConfig loaded = load("", Map.of());

    assertThat(loaded.config())
        .isEqualTo(ConfigLoader.load(home.resolve("absent"), Map.of()).config());
  }

  @Test
  void sections_left_empty_keep_their_defaults() throws IOException {
    LoadedConfig loaded =
        load(
            """
            server:
            #  port: 9000
            providers:
            #  - name: groq
            """,
            Map.of());

    assertThat(loaded.config().server().port()).isEqualTo(8787);
    assertThat(loaded.config().providers()).isEmpty();
  }

  @Test
  void file_overrides_some_keys_and_keeps_the_other_defaults() throws IOException {
    LoadedConfig loaded =
        load(
            """
            server:
              port: 9000
            local:
              ollama:
                coder-model: qwen3-coder:30b
            """,
            Map.of());

    CoracleConfig config = loaded.config();
    assertThat(config.server().port()).isEqualTo(9000);
    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.server().maxRequestBytes()).isEqualTo(8388608);
    assertThat(config.local().ollama().coderModel()).isEqualTo("qwen3-coder:30b");
    assertThat(config.local().ollama().reasoningModel()).isEqualTo("qwen2.5:7b");
    assertThat(config.local().ollama().enabled()).isTrue();
  }

  @Test
  void server_port_variable_overrides_the_file() throws IOException {
    LoadedConfig loaded = load("server:\n  port: 9000\n", Map.of("CORACLE_SERVER_PORT", "9100"));

    assertThat(loaded.config().server().port()).isEqualTo(9100);
  }

  @Test
  void nested_kebab_key_has_its_variable() {
    LoadedConfig loaded =
        ConfigLoader.load(home, Map.of("CORACLE_LOCAL_OLLAMA_BASE_URL", "http://10.0.0.5:11434"));

    assertThat(loaded.config().local().ollama().baseUrl()).isEqualTo("http://10.0.0.5:11434");
  }

  @Test
  void provider_is_overridden_by_name() throws IOException {
    LoadedConfig loaded =
        load(
            GROQ,
            Map.of(
                "GROQ_API_KEY", "gsk-test",
                "CORACLE_PROVIDERS_GROQ_BASE_URL", "http://127.0.0.1:9999/v1"));

    assertThat(groq(loaded).baseUrl()).isEqualTo("http://127.0.0.1:9999/v1");
    assertThat(groq(loaded).kind()).isEqualTo("openai-compatible");
  }

  @Test
  void list_variable_takes_comma_separated_models() throws IOException {
    LoadedConfig loaded =
        load(
            GROQ,
            Map.of(
                "GROQ_API_KEY",
                "gsk-test",
                "CORACLE_PROVIDERS_GROQ_MODELS",
                "llama-3.3-70b-versatile, qwen/qwen3-32b,,openai/gpt-oss-120b"));

    assertThat(groq(loaded).models())
        .containsExactly("llama-3.3-70b-versatile", "qwen/qwen3-32b", "openai/gpt-oss-120b");
  }

  @Test
  void api_key_reference_is_resolved_from_the_environment() throws IOException {
    LoadedConfig loaded = load(GROQ, Map.of("GROQ_API_KEY", "gsk-test"));

    assertThat(groq(loaded).apiKey()).isEqualTo("gsk-test");
    assertThat(loaded.unsetApiKeyVariable("groq")).isNull();
  }

  @Test
  void unset_api_key_variable_leaves_an_empty_key_and_is_reported() throws IOException {
    LoadedConfig loaded = load(GROQ, Map.of());

    assertThat(groq(loaded).apiKey()).isEmpty();
    assertThat(loaded.unsetApiKeyVariable("groq")).isEqualTo("GROQ_API_KEY");
  }

  @Test
  void empty_api_key_variable_counts_as_unset() throws IOException {
    LoadedConfig loaded = load(GROQ, Map.of("GROQ_API_KEY", ""));

    assertThat(loaded.unsetApiKeyVariable("groq")).isEqualTo("GROQ_API_KEY");
  }

  @Test
  void reference_default_is_used_when_the_variable_is_unset() throws IOException {
    String yaml =
        "store:\n  path: \"${CORACLE_TEST_DB:/var/lib/coracle/coracle.db}\"\n"
            + "server:\n  host: \"${BIND_HOST:127.0.0.1}\"\n";

    LoadedConfig unset = load(yaml, Map.of());
    LoadedConfig set = load(yaml, Map.of("BIND_HOST", "0.0.0.0"));

    assertThat(unset.databaseFile()).isEqualTo(Path.of("/var/lib/coracle/coracle.db"));
    assertThat(unset.config().server().host()).isEqualTo("127.0.0.1");
    assertThat(unset.unsetVariables()).isEmpty();
    assertThat(set.config().server().host()).isEqualTo("0.0.0.0");
  }

  @Test
  void literal_api_key_in_the_file_is_refused_with_the_variable_to_use() {
    String yaml = GROQ.replace("\"${GROQ_API_KEY}\"", "gsk_live_0123456789");

    assertThatThrownBy(() -> load(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("providers[groq].api-key")
        .hasMessageContaining("${GROQ_API_KEY}")
        .hasMessageNotContaining("gsk_live_0123456789");
  }

  @ParameterizedTest
  @CsvSource({
    "server.api-key, CORACLE_API_KEY",
    "temporal.api-key, CORACLE_TEMPORAL_API_KEY",
    "tools.web.search.api-key, CORACLE_TOOLS_WEB_SEARCH_API_KEY"
  })
  void literal_secret_outside_providers_is_refused_with_the_variable_to_use(
      String path, String variable) {
    StringBuilder yaml = new StringBuilder();
    String[] names = path.split("\\.");
    for (int depth = 0; depth < names.length; depth++) {
      yaml.append("  ".repeat(depth)).append(names[depth]).append(':');
      yaml.append(depth == names.length - 1 ? " sk-literal-1234\n" : "\n");
    }

    assertThatThrownBy(() -> load(yaml.toString(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(path + " holds a literal secret")
        .hasMessageContaining(variable)
        .hasMessageNotContaining("sk-literal-1234");
  }

  @Test
  void secret_outside_providers_given_as_a_reference_is_read_from_the_environment()
      throws IOException {
    LoadedConfig loaded =
        load(
            "server:\n  api-key: \"${MY_GATEWAY_KEY}\"\n",
            Map.of("MY_GATEWAY_KEY", "from-the-environment"));

    assertThat(loaded.config().server().apiKey()).isEqualTo("from-the-environment");
  }

  @Test
  void unknown_key_is_named_with_its_path() {
    assertThatThrownBy(() -> load("server:\n  prot: 9000\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("coracle.yml")
        .hasMessageContaining("unknown key 'prot' at server.prot");
  }

  @Test
  void unknown_provider_key_is_named_with_its_path() {
    String yaml = GROQ + "    region: eu\n";

    assertThatThrownBy(() -> load(yaml, Map.of("GROQ_API_KEY", "gsk-test")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'region' at providers[0].region");
  }

  @Test
  void invalid_yaml_is_reported_with_the_file_name() {
    assertThatThrownBy(() -> load("server:\n  port: [9000\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(home.resolve("coracle.yml").toString())
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void top_level_list_is_refused() {
    assertThatThrownBy(() -> load("- server\n- port\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected a mapping of keys at the top level");
  }

  @Test
  void bad_kind_lists_the_valid_kinds() {
    String yaml = GROQ.replace("openai-compatible", "anthropic");

    assertThatThrownBy(() -> load(yaml, Map.of("GROQ_API_KEY", "gsk-test")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "providers[groq].kind must be one of [ollama, openai-compatible, gemini] (got 'anthropic')");
  }

  @Test
  void missing_kind_lists_the_valid_kinds() {
    String yaml = GROQ.replace("    kind: openai-compatible\n", "");

    assertThatThrownBy(() -> load(yaml, Map.of("GROQ_API_KEY", "gsk-test")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "providers[groq].kind must be one of [ollama, openai-compatible, gemini]");
  }

  @Test
  void gemini_kind_is_accepted() throws IOException {
    String yaml = GROQ.replace("openai-compatible", "gemini");

    var providers = load(yaml, Map.of("GROQ_API_KEY", "gsk-test")).config().providers();

    assertThat(providers).extracting(p -> p.kind()).containsExactly("gemini");
  }

  @Test
  void duplicate_provider_name_is_refused() {
    String yaml = GROQ + GROQ.substring(GROQ.indexOf("  - name"));

    assertThatThrownBy(() -> load(yaml, Map.of("GROQ_API_KEY", "gsk-test")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("providers[groq]: the name is used twice");
  }

  @Test
  void provider_named_ollama_clashes_with_the_local_ollama() {
    String yaml = GROQ.replace("name: groq", "name: ollama");

    assertThatThrownBy(() -> load(yaml, Map.of("GROQ_API_KEY", "gsk-test")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("providers[ollama]: the name is used twice");
  }

  @Test
  void temporal_target_must_be_embedded_or_host_and_port() {
    assertThatThrownBy(() -> load("temporal:\n  target: temporal.internal\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("temporal.target must be 'embedded' or host:port, not 'temporal.internal'");
  }

  @Test
  void temporal_target_may_be_host_and_port() throws IOException {
    LoadedConfig loaded = load("temporal:\n  target: temporal.internal:7233\n", Map.of());

    assertThat(loaded.config().temporal().embedded()).isFalse();
    assertThat(loaded.config().temporal().target()).isEqualTo("temporal.internal:7233");
  }

  @Test
  void out_of_range_port_is_refused() {
    assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("CORACLE_SERVER_PORT", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("server.port must be a port number 0-65535 (got 70000)");
  }

  @Test
  void a_browser_site_entry_merges_with_the_shipped_selectors() throws Exception {
    java.nio.file.Files.writeString(
        home.resolve("coracle.yml"),
        "browser:\n  enabled: true\n  sites:\n    - name: claude\n      enabled: true\n");

    var browser = ConfigLoader.load(home, java.util.Map.of()).config().browser();

    assertThat(browser.enabled()).isTrue();
    var claude =
        browser.sites().stream().filter(s -> s.name().equals("claude")).findFirst().orElseThrow();
    assertThat(claude.enabled()).isTrue();
    assertThat(claude.input()).isNotBlank();
    assertThat(browser.sites()).extracting(s -> s.name()).contains("chatgpt", "gemini");
  }

  @Test
  void tracing_is_off_by_default_and_every_key_has_its_variable() throws IOException {
    assertThat(load("", Map.of()).config().tracing())
        .isEqualTo(new CoracleConfig.TracingConfig(false, "http://127.0.0.1:4318", "coracle", 1.0));

    CoracleConfig.TracingConfig tracing =
        load(
                "",
                Map.of(
                    "CORACLE_TRACING_ENABLED", "true",
                    "CORACLE_TRACING_OTLP_ENDPOINT", "http://collector.local:4318",
                    "CORACLE_TRACING_SERVICE_NAME", "coracle-laptop",
                    "CORACLE_TRACING_SAMPLING_RATIO", "0.25"))
            .config()
            .tracing();
    assertThat(tracing)
        .isEqualTo(
            new CoracleConfig.TracingConfig(
                true, "http://collector.local:4318", "coracle-laptop", 0.25));
  }

  @Test
  void tracing_ratio_and_endpoint_are_checked() {
    assertThatThrownBy(() -> load("tracing:\n  sampling-ratio: 1.5\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tracing.sampling-ratio must be in [0, 1]");
    assertThatThrownBy(
            () ->
                load("tracing:\n  enabled: true\n  otlp-endpoint: \"127.0.0.1:4318\"\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tracing.otlp-endpoint must be an http:// or https:// URL");
  }
}
