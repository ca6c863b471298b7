package dev.coracle.activities.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class AgoTest {

  @Test
  void grouped_writes_counts_as_the_root_locales_grouping_does() {
    long[] counts = {
      0,
      1,
      12,
      999,
      1_000,
      1_500,
      12_345,
      999_999,
      1_000_000,
      3_734_123_456L,
      -1,
      -1_234,
      Long.MAX_VALUE,
      Long.MIN_VALUE
    };
    for (long count : counts) {
      assertThat(Ago.grouped(count)).isEqualTo(String.format(Locale.ROOT, "%,d", count));
    }
  }

  @Test
  void plural_adds_an_s_unless_there_is_exactly_one() {
    assertThat(Ago.plural(1, "answer")).isEqualTo("1 answer");
    assertThat(Ago.plural(0, "answer")).isEqualTo("0 answers");
    assertThat(Ago.plural(1_500, "failure")).isEqualTo("1,500 failures");
  }
}
