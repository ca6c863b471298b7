package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderKindTest {

  @Test
  void config_names_parse_to_kinds() {
    assertThat(ProviderKind.fromConfig("ollama")).isEqualTo(ProviderKind.OLLAMA);
    assertThat(ProviderKind.fromConfig(" OpenAI-Compatible "))
        .isEqualTo(ProviderKind.OPENAI_COMPATIBLE);
    assertThat(ProviderKind.fromConfig("gemini")).isEqualTo(ProviderKind.GEMINI);
  }

  @Test
  void unknown_kind_names_the_valid_ones() {
    assertThatThrownBy(() -> ProviderKind.fromConfig("bard"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown provider kind 'bard'; valid kinds are: ollama, openai-compatible, gemini");
  }

  @Test
  void endpoint_never_prints_its_api_key() {
    ProviderEndpoint groq =
        new ProviderEndpoint(
            "groq",
            ProviderKind.OPENAI_COMPATIBLE,
            "https://api.groq.com/openai/v1",
            "gsk_secret",
            Duration.ofSeconds(30));

    assertThat(groq.toString()).doesNotContain("gsk_secret").contains("apiKey=***");
  }
}
