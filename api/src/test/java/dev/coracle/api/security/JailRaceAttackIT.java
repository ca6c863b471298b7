package dev.coracle.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.tools.DirectorySwapper;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.JobFixtures;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jail race through a real job: a process in the workspace swaps a directory and a symbolic
 * link to a directory outside with {@code renameat2(RENAME_EXCHANGE)} as fast as it can, while a
 * scripted coder writes, reads, edits and greps through that directory. No byte may land outside,
 * and the outside secret may reach no model.
 */
class JailRaceAttackIT {
  private static final String SECRET = "OUTSIDE-SECRET-91c2";
  private static final int ROUNDS = 8;

  @TempDir Path home;
  @TempDir Path dir;

  @Test
  void a_directory_link_swap_moves_no_byte_across_the_workspace_boundary() throws Exception {
    assumeTrue(DirectorySwapper.available(), "python3 is needed to call renameat2");
    Path workspace = Files.createDirectories(dir.resolve("ws")).toRealPath();
    Path outside = Files.createDirectories(dir.resolve("outside")).toRealPath();
    Files.writeString(outside.resolve("secret.txt"), SECRET + "\n");
    Files.writeString(outside.resolve("f.txt"), "outside marker\n");
    Files.createDirectories(workspace.resolve("d"));
    Files.writeString(workspace.resolve("d/f.txt"), "inside marker\n");
    Files.createSymbolicLink(workspace.resolve("l"), outside);
    Map<String, String> outsideBefore = DirectorySwapper.snapshot(outside);

    try (FakeOllamaServer ollama = new FakeOllamaServer().start();
        FakeOpenAiServer cloud = new FakeOpenAiServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home,
                JobFixtures.config(ollama, cloud),
                Map.of("CORACLE_JOBS_MAX_TURNS_PER_STEP", "60"))) {
      try (DirectorySwapper swapper = DirectorySwapper.start(workspace)) {
        HttpResponse<String> created =
            HttpCalls.post(
                coracle.baseUrl() + "/api/jobs",
                JobFixtures.jobBody(script(), workspace.toString()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = HttpCalls.json(created).path("id").asText();
        JsonNode job =
            JobFixtures.awaitJob(
                coracle.baseUrl(),
                id,
                Duration.ofMinutes(4),
                j -> List.of("done", "failed").contains(j.path("status").asText()));
        assertThat(job.path("status").asText()).isIn("done", "failed");
        assertThat(swapper.stop()).as("the swapper's output").isEmpty();
      }
      assertThat(DirectorySwapper.snapshot(outside))
          .as("the directory outside")
          .isEqualTo(outsideBefore);
      for (RecordedRequest request :
          Stream.concat(ollama.requests().stream(), cloud.requests().stream()).toList()) {
        assertThat(request.body().toString()).doesNotContain(SECRET);
      }
      // The tools ran: their own answers (not the script's text) went back to the coder.
      assertThat(ollama.requests().toString()).contains("d/f.txt (");
    }
  }

  /** Seven kinds of call through the swapped directory, {@link #ROUNDS} times. */
  private static String script() {
    StringBuilder script = new StringBuilder("Race the jail.\n");
    for (int i = 0; i < ROUNDS; i++) {
      script
          .append("tool-call: write_file {\"path\": \"d/f.txt\", \"content\": \"inside marker ")
          .append(i)
          .append("\\n\"}\n")
          .append("tool-call: read_file {\"path\": \"d/f.txt\"}\n")
          .append("tool-call: read_file {\"path\": \"d/secret.txt\"}\n")
          .append("tool-call: edit_file {\"path\": \"d/f.txt\", \"old_text\": \"marker\",")
          .append(" \"new_text\": \"marker!\"}\n")
          .append("tool-call: write_file {\"path\": \"d/new")
          .append(i)
          .append("/sub/x.txt\", \"content\": \"x\"}\n")
          .append("tool-call: grep {\"pattern\": \"SECRET|marker\", \"path\": \"d\"}\n")
          .append("tool-call: list_files {\"path\": \"d\"}\n");
    }
    return script.toString();
  }
}
