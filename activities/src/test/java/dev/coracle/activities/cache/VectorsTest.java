package dev.coracle.activities.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorsTest {

  @Test
  void vectors_are_float32_little_endian_and_round_trip() {
    float[] vector = {1.0f, -0.5f, Float.MIN_VALUE, 0.1f};

    byte[] bytes = Vectors.toBytes(vector);

    assertThat(bytes).hasSize(16);
    assertThat(bytes).startsWith(0x00, 0x00, (byte) 0x80, 0x3f);
    assertThat(Vectors.fromBytes(bytes)).containsExactly(vector);
  }

  @Test
  void a_blob_that_is_not_whole_floats_is_rejected() {
    assertThatThrownBy(() -> Vectors.fromBytes(new byte[5]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
