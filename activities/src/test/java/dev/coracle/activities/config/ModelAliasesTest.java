package dev.coracle.activities.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelAliasesTest {

  @TempDir Path home;

  ModelAliases load(String yaml) throws IOException {
    Files.writeString(home.resolve("coracle.yml"), yaml);
    return ModelAliases.of(ConfigLoader.load(home, Map.of()).config());
  }

  @Test
  void vendor_names_resolve_to_profiles_by_default() {
    ModelAliases aliases = ModelAliases.of(ConfigLoader.load(home, Map.of()).config());

    assertThat(aliases.resolve("claude-3-5-haiku-latest")).contains("coracle-fast");
    assertThat(aliases.resolve("claude-haiku-4-5-20251001")).contains("coracle-fast");
    assertThat(aliases.resolve("claude-sonnet-4-5")).contains("coracle");
    assertThat(aliases.resolve("gpt-4o")).contains("coracle");
    assertThat(aliases.resolve("gpt-3.5-turbo-instruct")).contains("coracle");
    assertThat(aliases.resolve("llama3")).isEmpty();
    assertThat(aliases.resolve("my-claude-sonnet")).isEmpty();
  }

  @Test
  void user_aliases_come_first_in_file_order() throws IOException {
    ModelAliases aliases =
        load(
            """
            models:
              aliases:
                "gpt-4o-mini": coracle-fast
                "gpt-*": coracle-deep
                "claude-*": ollama/qwen2.5-coder:7b
                "starcoder": ollama/qwen2.5-coder:7b
            """);

    assertThat(aliases.resolve("gpt-4o-mini")).contains("coracle-fast");
    assertThat(aliases.resolve("gpt-4o")).contains("coracle-deep");
    // The user's catch-all for claude-* shadows the built-in haiku alias.
    assertThat(aliases.resolve("claude-3-5-haiku-latest")).contains("ollama/qwen2.5-coder:7b");
    assertThat(aliases.resolve("starcoder")).contains("ollama/qwen2.5-coder:7b");
    assertThat(aliases.resolve("starcoder2")).isEmpty();
    assertThat(aliases.all().get(0))
        .isEqualTo(new ModelAliases.Alias("gpt-4o-mini", "coracle-fast"));
    assertThat(aliases.all().get(3).concrete()).isTrue();
    assertThat(aliases.all().get(1).concrete()).isFalse();
  }

  @Test
  void pattern_characters_other_than_star_are_literal() throws IOException {
    ModelAliases aliases =
        load(
            """
            models:
              aliases:
                "gpt-3.5-turbo*": coracle-fast
            """);

    assertThat(aliases.resolve("gpt-3.5-turbo-instruct")).contains("coracle-fast");
    // '.' is not "any character": this name falls through to the built-in gpt-* alias.
    assertThat(aliases.resolve("gpt-3x5-turbo")).contains("coracle");
  }

  @Test
  void an_alias_to_an_unknown_model_is_a_config_error_naming_the_key() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    models:
                      aliases:
                        "gpt-*": groq/llama-3.3-70b-versatile
                    """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("models.aliases['gpt-*']")
        .hasMessageContaining("'groq/llama-3.3-70b-versatile' is neither a profile")
        .hasMessageContaining("ollama/qwen2.5:7b");
  }

  @Test
  void an_alias_to_a_configured_provider_model_loads() throws IOException {
    ModelAliases aliases =
        load(
            ConfigLoaderTest.GROQ
                + """
                models:
                  aliases:
                    "gpt-*": groq/llama-3.3-70b-versatile
                """);

    assertThat(aliases.resolve("gpt-4o")).contains("groq/llama-3.3-70b-versatile");
  }

  @Test
  void an_empty_pattern_is_a_config_error() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    models:
                      aliases:
                        "": coracle
                    """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("models.aliases");
  }
}
