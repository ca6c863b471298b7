package dev.coracle.activities.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The attacker of the jail race: a process in the workspace that swaps the directory {@code d} and
 * the link {@code l} atomically ({@code renameat2} with {@code RENAME_EXCHANGE}, through python3's
 * ctypes) until {@link #close()}, plus what a test needs to see whether a byte crossed over.
 */
public final class DirectorySwapper implements AutoCloseable {
  private static final String SWAP =
      """
      import ctypes, os
      libc = ctypes.CDLL(None, use_errno=True)
      AT_FDCWD, RENAME_EXCHANGE = -100, 2
      while not os.path.exists("stop-swapping"):
          libc.renameat2(AT_FDCWD, b"d", AT_FDCWD, b"l", RENAME_EXCHANGE)
      """;

  private final Path workspace;
  private final Process process;

  private DirectorySwapper(Path workspace, Process process) {
    this.workspace = workspace;
    this.process = process;
  }

  /** Starts swapping {@code d} and {@code l} in the workspace. */
  public static DirectorySwapper start(Path workspace) throws IOException {
    Process process =
        new ProcessBuilder("python3", "-c", SWAP)
            .directory(workspace.toFile())
            .redirectErrorStream(true)
            .start();
    return new DirectorySwapper(workspace, process);
  }

  /** Whether python3 with ctypes is here to call renameat2. */
  public static boolean available() {
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

  /** Every entry below a directory (links not followed) and its bytes. */
  public static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.toList()) {
        String content = Files.isRegularFile(path) ? Files.readString(path) : "<dir>";
        entries.put(root.relativize(path).toString(), content);
      }
    }
    return entries;
  }

  /**
   * Stops the swapper and returns what it printed: nothing, unless python failed.
   *
   * @throws IOException when it does not stop within 30 s
   */
  public String stop() throws IOException, InterruptedException {
    Files.writeString(workspace.resolve("stop-swapping"), "");
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("the directory swapper did not stop");
    }
    return new String(process.getInputStream().readAllBytes());
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
