package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.tools.fs.EditFileTool;
import dev.coracle.activities.tools.fs.GrepTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process in the workspace keeps swapping a directory and a symbolic link to a directory outside
 * while the file tools work on paths through that directory. Whoever wins each race, no byte may
 * reach the outside directory and nothing from it may come back.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JailRaceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "TOPSECRET-7f3a";
  private static final int CALLS = 300;

  @TempDir Path dir;

  Path workspace;
  Path outside;
  Map<String, String> outsideBefore;

  @BeforeEach
  void setUp() throws IOException {
    workspace = Files.createDirectories(dir.resolve("ws")).toRealPath();
    outside = Files.createDirectories(dir.resolve("outside")).toRealPath();
    Files.writeString(outside.resolve("f.txt"), "outside marker\n");
    Files.writeString(outside.resolve("secret.txt"), SECRET + "\n");
    Files.createDirectories(workspace.resolve("d"));
    Files.writeString(workspace.resolve("d/f.txt"), "inside marker\n");
    Files.createSymbolicLink(workspace.resolve("l"), outside);
    outsideBefore = DirectorySwapper.snapshot(outside);
  }

  @Test
  void swapping_a_directory_and_a_link_with_two_renames_moves_no_byte_across() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    Thread swapper =
        new Thread(
            () -> {
              Path d = workspace.resolve("d");
              Path l = workspace.resolve("l");
              Path tmp = workspace.resolve("swap-tmp");
              while (running.get()) {
                try {
                  Files.move(d, tmp, StandardCopyOption.ATOMIC_MOVE);
                  Files.move(l, d, StandardCopyOption.ATOMIC_MOVE);
                  Files.move(tmp, l, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                  // A tool made d meanwhile: the next round sorts it out.
                }
              }
            },
            "swapper");
    swapper.start();
    try {
      hammer();
    } finally {
      running.set(false);
      swapper.join();
    }
    assertNothingCrossed();
  }

  @Test
  void swapping_them_atomically_with_rename_exchange_moves_no_byte_across() throws Exception {
    assumeTrue(DirectorySwapper.available(), "python3 is needed to call renameat2");
    try (DirectorySwapper swapper = DirectorySwapper.start(workspace)) {
      try {
        hammer();
      } finally {
        assertThat(swapper.stop()).as("the swapper's output").isEmpty();
      }
    }
    assertNothingCrossed();
  }

  /** Writes, reads, edits, greps and nested creates through the swapped directory. */
  private void hammer() throws IOException {
    List<String> answers = new ArrayList<>();
    int succeeded = 0;
    for (int i = 0; i < CALLS; i++) {
      List<ToolOutput> outputs =
          List.of(
              run(new WriteFileTool(), Map.of("path", "d/f.txt", "content", "written " + i)),
              run(new ReadFileTool(), Map.of("path", "d/f.txt")),
              run(new ReadFileTool(), Map.of("path", "d/secret.txt")),
              run(new ReadFileTool(), Map.of("path", "l/secret.txt")),
              run(
                  new EditFileTool(),
                  Map.of("path", "d/f.txt", "old_text", "marker", "new_text", "edited")),
              run(new GrepTool(), Map.of("pattern", "marker|written|TOPSECRET", "path", "d")),
              run(new WriteFileTool(), Map.of("path", "d/new" + i + "/sub/x.txt", "content", "x")),
              run(new ListFilesTool(), Map.of("path", "d")));
      for (ToolOutput output : outputs) {
        answers.add(output.text());
        succeeded += output.error() ? 0 : 1;
      }
    }
    assertThat(answers).noneMatch(answer -> answer.contains(SECRET));
    assertThat(succeeded).as("calls that got through between the swaps").isGreaterThan(CALLS / 10);
  }

  private void assertNothingCrossed() throws IOException {
    assertThat(DirectorySwapper.snapshot(outside)).isEqualTo(outsideBefore);
    try (Stream<Path> staging = Files.list(workspace)) {
      assertThat(staging.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".coracle-mkdir-"));
    }
  }

  private ToolOutput run(Tool tool, Map<String, String> arguments) throws IOException {
    ToolContext context = ToolContext.of("job-race", 1, workspace);
    try {
      return tool.run(context, JSON.valueToTree(arguments));
    } catch (ToolException e) {
      return ToolOutput.error(e.getMessage());
    } catch (IOException e) {
      return ToolOutput.error(e.toString());
    }
  }
}
