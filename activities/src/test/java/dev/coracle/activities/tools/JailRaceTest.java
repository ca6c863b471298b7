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
import java.util.TreeMap;
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
    outsideBefore = snapshot(outside);
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
    assumeTrue(python3(), "python3 is needed to call renameat2");
    String script =
        """
        import ctypes, os, sys
        libc = ctypes.CDLL(None, use_errno=True)
        AT_FDCWD, RENAME_EXCHANGE = -100, 2
        while not os.path.exists("stop-swapping"):
            libc.renameat2(AT_FDCWD, b"d", AT_FDCWD, b"l", RENAME_EXCHANGE)
        """;
    Process swapper =
        new ProcessBuilder("python3", "-c", script)
            .directory(workspace.toFile())
            .redirectErrorStream(true)
            .start();
    try {
      hammer();
    } finally {
      Files.writeString(workspace.resolve("stop-swapping"), "");
      assertThat(swapper.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(new String(swapper.getInputStream().readAllBytes())).isEmpty();
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
    assertThat(snapshot(outside)).isEqualTo(outsideBefore);
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

  /** Every entry below a directory (links not followed) and its bytes. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.toList()) {
        String content = Files.isRegularFile(path) ? Files.readString(path) : "<dir>";
        entries.put(root.relativize(path).toString(), content);
      }
    }
    return entries;
  }

  private static boolean python3() {
    try {
      return new ProcessBuilder("python3", "-c", "import ctypes")
              .redirectErrorStream(true)
              .start()
              .waitFor()
          == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
