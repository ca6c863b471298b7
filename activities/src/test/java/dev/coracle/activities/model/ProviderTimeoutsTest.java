package dev.coracle.activities.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.providers.ProviderEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeout keys as a user writes them become the endpoints' idle and total timeouts; a config
 * written when {@code timeout-seconds} was the only key keeps loading and keeps its meaning for
 * silence.
 */
class ProviderTimeoutsTest {
  @TempDir Path home;

  @Test
  void defaults_are_two_minutes_idle_and_half_an_hour_total_for_cloud_and_five_minutes_local()
      throws IOException {
    ProviderCatalog catalog = catalog(provider(""));

    assertThat(endpoint(catalog, "groq").timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(endpoint(catalog, "groq").totalTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(endpoint(catalog, "ollama").timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(endpoint(catalog, "ollama").totalTimeout()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void old_timeout_seconds_still_sets_the_idle_timeout() throws IOException {
    ProviderCatalog catalog = catalog(provider("    timeout-seconds: 180\n"));

    assertThat(endpoint(catalog, "groq").timeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(endpoint(catalog, "groq").totalTimeout()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void idle_and_total_keys_win_over_the_old_key() throws IOException {
    ProviderCatalog catalog =
        catalog(
            provider(
                    """
                        timeout-seconds: 180
                        idle-timeout-seconds: 45
                        total-timeout-seconds: 3600
                    """)
                + """
                local:
                  ollama:
                    idle-timeout-seconds: 600
                    total-timeout-seconds: 7200
                """);

    assertThat(endpoint(catalog, "groq").timeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(endpoint(catalog, "groq").totalTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(endpoint(catalog, "ollama").timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(endpoint(catalog, "ollama").totalTimeout()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void total_shorter_than_idle_stops_start_up() {
    assertThatThrownBy(
            () ->
                catalog(
                    provider(
                        """
                            idle-timeout-seconds: 300
                            total-timeout-seconds: 60
                        """)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "providers[groq].total-timeout-seconds (60) must not be shorter than the idle"
                + " timeout (300)");
  }

  @Test
  void environment_variables_set_the_new_keys() throws IOException {
    Files.writeString(home.resolve("coracle.yml"), provider(""));
    ProviderCatalog catalog =
        new ProviderCatalog(
            ConfigLoader.load(
                home,
                Map.of(
                    "CORACLE_PROVIDERS_GROQ_IDLE_TIMEOUT_SECONDS", "30",
                    "CORACLE_PROVIDERS_GROQ_TOTAL_TIMEOUT_SECONDS", "900")));

    assertThat(endpoint(catalog, "groq").timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(endpoint(catalog, "groq").totalTimeout()).isEqualTo(Duration.ofMinutes(15));
  }

  private ProviderCatalog catalog(String yaml) throws IOException {
    Files.writeString(home.resolve("coracle.yml"), yaml);
    return new ProviderCatalog(ConfigLoader.load(home, Map.of()));
  }

  private static String provider(String timeouts) {
    return """
        providers:
          - name: groq
            kind: openai-compatible
            base-url: "https://api.groq.com/openai/v1"
            models: ["llama-3.3-70b-versatile"]
        """
        + timeouts;
  }

  private static ProviderEndpoint endpoint(ProviderCatalog catalog, String name) {
    return catalog.find(name).orElseThrow().endpoint();
  }
}
