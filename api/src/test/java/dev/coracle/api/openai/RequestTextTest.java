package dev.coracle.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTextTest {

  @Test
  void c0_controls_and_del_are_removed_but_tab_and_line_breaks_stay() {
    assertThat(RequestText.clean("a\u0000b\u0001c\u001b[0md\u007fe\tf\ng\r\n"))
        .isEqualTo("abc[0mde\tf\ng\r\n");
  }

  @Test
  void lone_surrogates_become_the_replacement_character_and_pairs_stay() {
    assertThat(RequestText.clean("x\ud800y\udc00z")).isEqualTo("x\ufffdy\ufffdz");
    assertThat(RequestText.clean("\ud83d\ude00 ok")).isEqualTo("\ud83d\ude00 ok");
    assertThat(RequestText.clean("end\ud83d")).isEqualTo("end\ufffd");
  }

  @Test
  void clean_text_and_null_are_returned_as_they_are() {
    String text = "caf\u00e9 \u200b \u0085";
    assertThat(RequestText.clean(text)).isSameAs(text);
    assertThat(RequestText.clean(null)).isNull();
  }
}
