package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScriptsTest {

  @Test
  void latin_text_with_accents_is_latin() {
    assertThat(Scripts.latinShare("görevim hâlâ çalışıyor mu? żółć")).isEqualTo(1.0);
  }

  @Test
  void cyrillic_japanese_and_korean_are_not() {
    assertThat(Scripts.latinShare("перепиши модуль")).isZero();
    assertThat(Scripts.latinShare("認証モジュールをリファクタリング")).isZero();
    assertThat(Scripts.latinShare("결제 모듈을 고쳐줘")).isZero();
  }

  @Test
  void mixed_text_counts_letters_and_text_without_letters_counts_as_latin() {
    assertThat(Scripts.latinShare("Rust 最新")).isCloseTo(4.0 / 6, within(1e-9));
    assertThat(Scripts.latinShare("42 ?!")).isEqualTo(1.0);
  }

  @Test
  void the_embedding_counts_little_for_a_prompt_in_another_script() {
    assertThat(TieredClassifier.embeddingWeight("refactor the parser")).isEqualTo(1.0);
    assertThat(TieredClassifier.embeddingWeight("перепиши модуль на typescript"))
        .isEqualTo(TieredClassifier.FOREIGN_SCRIPT_EMBEDDING_WEIGHT);
  }
}
