package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.workflows.job.ToolResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** read_file answers within its byte bound however big the file, and artifacts have a bound. */
class ReadFileLimitTest {

  private static final int READ_LIMIT = 4096;
  private static final int OUTPUT_LIMIT = 8192;
  private static final int ARTIFACT_LIMIT = 65536;

  @TempDir Path dir;

  ToolHarness harness;
  ArtifactStore artifacts;

  @BeforeEach
  void setUp() throws IOException {
    harness =
        new ToolHarness(
            dir,
            """
            tools:
              read-limit-bytes: %d
              output-limit-bytes: %d
              artifact-limit-bytes: %d
            """
                .formatted(READ_LIMIT, OUTPUT_LIMIT, ARTIFACT_LIMIT));
    artifacts = harness.context.getBean(ArtifactStore.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void a_64_mb_one_line_file_is_read_in_bounded_pieces_and_stores_no_artifact() throws IOException {
    Path big = harness.workspace.resolve("big.json");
    byte[] chunk = "0123456789abcdef".repeat(4096).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(big)) {
      for (int i = 0; i < 1024; i++) {
        out.write(chunk);
      }
    }
    assertThat(Files.size(big)).isEqualTo(64L * 1024 * 1024);

    ToolResult first = harness.run("read_file", Map.of("path", "big.json"));

    assertThat(first.error()).isFalse();
    List<String> lines = first.output().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "big.json: the first 4096 bytes of line 1, which is longer than 4096 bytes (the file"
                + " has 67108864 bytes; its lines were not counted); read_file with byte_offset"
                + " 4096 reads on");
    assertThat(lines.get(1)).hasSize(READ_LIMIT).startsWith("0123456789abcdef");

    ToolResult next =
        harness.run("read_file", Map.of("path", "big.json", "byte_offset", 4096, "length", 100));

    assertThat(next.output())
        .isEqualTo(
            "big.json: bytes 4096-4196 of 67108864; read_file with byte_offset 4196 reads on\n"
                + "0123456789abcdef".repeat(7).substring(0, 100)
                + "\n");

    ToolResult last =
        harness.run("read_file", Map.of("path", "big.json", "byte_offset", 67108864 - 10));

    assertThat(last.output())
        .isEqualTo("big.json: bytes 67108854-67108864 of 67108864\n6789abcdef\n");
    assertThat(artifacts.forJob("job-1")).as("no read needed an artifact").isEmpty();
  }

  @Test
  void many_lines_stop_at_the_byte_bound_after_a_whole_line() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 1000; i++) {
      text.append("line ").append(i).append(" ").append("x".repeat(90)).append('\n');
    }
    Files.writeString(harness.workspace.resolve("log.txt"), text);

    ToolResult read = harness.run("read_file", Map.of("path", "log.txt", "offset", 3));

    String header = read.output().lines().findFirst().orElseThrow();
    int shown = read.output().length() - header.length() - 1;
    assertThat(shown).isLessThanOrEqualTo(READ_LIMIT);
    int lastLine = 3 + read.output().lines().toList().size() - 2;
    assertThat(header)
        .isEqualTo(
            "log.txt: lines 3-"
                + lastLine
                + " of 1000; read_file with offset "
                + (lastLine + 1)
                + " reads on");
    assertThat(read.output()).endsWith("line " + lastLine + " " + "x".repeat(90) + "\n");
  }

  @Test
  void a_byte_piece_never_starts_or_ends_inside_a_character() throws IOException {
    Files.writeString(harness.workspace.resolve("accents.txt"), "é".repeat(10)); // 20 bytes

    ToolResult read =
        harness.run("read_file", Map.of("path", "accents.txt", "byte_offset", 1, "length", 6));

    assertThat(read.output())
        .isEqualTo("accents.txt: bytes 2-6 of 20; read_file with byte_offset 6 reads on\néé\n");
  }

  @Test
  void an_output_past_the_artifact_bound_is_stored_cut_with_a_marker() {
    OutputLimit limit = new OutputLimit(artifacts, OUTPUT_LIMIT, ARTIFACT_LIMIT);
    char[] filler = new char[1024 * 1024];
    Arrays.fill(filler, 'a');
    String huge = "START\n" + new String(filler) + "\nEND";

    String shown = limit.fit("job-cap", "run_shell", huge);

    assertThat(shown).startsWith("START").contains("END").contains("its first and last parts are");
    List<Artifact> stored = artifacts.forJob("job-cap");
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).size()).isLessThanOrEqualTo(ARTIFACT_LIMIT);
    String kept = artifacts.get(stored.get(0).id()).orElseThrow().text();
    assertThat(kept)
        .startsWith("START")
        .endsWith("END")
        .contains("[" + (huge.length()) + " bytes in all; the middle was not kept]");
  }
}
