package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnglishWordsTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "add a health check endpoint to the api and write tests for it",
        "whats the diff between jest and vitest",
        "regex for ipv4",
        "status",
        "is the ci job for the docs site done yet?",
        "convert this yaml to json please"
      })
  void english_prompts_and_prompts_of_technical_words_alone_read_as_english(String prompt) {
    assertThat(EnglishWords.isEnglish(TextPrep.normalize(prompt))).isTrue();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "Přidej do API endpoint pro export a napiš k tomu testy",
        "Vilka jobb körs på servern just nu?",
        "Hãy viết lại module đăng nhập bằng TypeScript",
        "Tolong bandingkan Redis dan Valkey untuk tim kami",
        "Qual é a diferença entre uma fila e uma pilha?",
        "Wie viele Tokens sind heute noch übrig?",
        "Porównaj Vitest i Jest dla naszego repo"
      })
  void prompts_in_other_latin_languages_do_not(String prompt) {
    assertThat(EnglishWords.isEnglish(TextPrep.normalize(prompt))).isFalse();
  }

  @Test
  void prompts_in_other_scripts_are_not_english_whatever_their_words() {
    assertThat(EnglishWords.isEnglishPrompt("перепиши модуль авторизации на TypeScript")).isFalse();
    assertThat(EnglishWords.isEnglishPrompt("把解析器改成 async 的写法")).isFalse();
    assertThat(EnglishWords.isEnglishPrompt("rewrite the parser in TypeScript")).isTrue();
  }
}
