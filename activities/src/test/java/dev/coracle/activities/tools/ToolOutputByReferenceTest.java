package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.job.ToolInvocation;
import dev.coracle.workflows.job.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job run that keeps transcripts in the store asks for a preview: the workflow gets the start of
 * a long output and an artifact id, and the artifact holds exactly what the model would have read.
 */
class ToolOutputByReferenceTest {
  private static final int PREVIEW = 2048;

  @TempDir Path dir;

  ToolHarness harness;
  ArtifactStore artifacts;

  @BeforeEach
  void setUp() throws IOException {
    harness = new ToolHarness(dir, "tools:\n  output-limit-bytes: 32768\n");
    artifacts = harness.context.getBean(ArtifactStore.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  @Test
  void a_16_kb_output_comes_back_as_a_2_kb_preview_and_an_artifact_with_all_of_it()
      throws IOException {
    String text = "abcdefghijklmno\n".repeat(1024);
    Files.writeString(harness.workspace.resolve("big.txt"), text);
    ToolResult whole = harness.run("read_file", Map.of("path", "big.txt"));

    ToolResult previewed = harness.tools.run(invocation("big.txt", PREVIEW));

    assertThat(whole.artifactId()).isNull();
    assertThat(previewed.artifactId()).isNotNull();
    assertThat(previewed.output().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(PREVIEW);
    assertThat(whole.output()).startsWith(previewed.output());
    Artifact stored = artifacts.get(previewed.artifactId()).orElseThrow();
    assertThat(stored.text()).isEqualTo(whole.output());
    assertThat(stored.jobId()).isEqualTo("job-1");
  }

  @Test
  void a_short_output_comes_back_whole_without_an_artifact() throws IOException {
    Files.writeString(harness.workspace.resolve("small.txt"), "hello\n");

    ToolResult result = harness.tools.run(invocation("small.txt", PREVIEW));

    assertThat(result.artifactId()).isNull();
    assertThat(result.output()).contains("hello");
    assertThat(artifacts.forJob("job-1")).isEmpty();
  }

  private ToolInvocation invocation(String path, int preview) {
    return new ToolInvocation(
        "job-1",
        harness.workspace.toString(),
        1,
        new ToolCall("call-" + path, "read_file", "{\"path\":\"" + path + "\"}"),
        preview);
  }
}
