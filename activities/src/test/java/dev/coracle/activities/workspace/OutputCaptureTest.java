package dev.coracle.activities.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

  @Test
  void output_within_the_bound_is_kept_as_written() {
    assertThat(capture("hello\nworld\n", 100)).isEqualTo("hello\nworld\n");
  }

  @Test
  void endless_output_keeps_its_start_and_end_and_says_how_much_was_dropped() {
    String output = "START" + "x".repeat(10_000) + "END";

    OutputCapture capture = drained(output, 20);

    assertThat(capture.total()).isEqualTo(output.length());
    assertThat(capture.text())
        .isEqualTo(
            "STARTxxxxx\n… [" + (output.length() - 20) + " bytes of output dropped] …\nxxxxxxxEND");
  }

  private static String capture(String output, int maxBytes) {
    return drained(output, maxBytes).text();
  }

  private static OutputCapture drained(String output, int maxBytes) {
    OutputCapture capture =
        new OutputCapture(
            new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)), maxBytes);
    capture.run();
    return capture;
  }
}
