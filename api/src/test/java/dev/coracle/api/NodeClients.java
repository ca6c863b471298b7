package dev.coracle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The official npm clients (src/test/node), installed once into target/node-client and run there as
 * child processes, the way a user's app runs them.
 */
public final class NodeClients {
  private static final Path CLIENT_SOURCES = Path.of("src", "test", "node");
  private static final Path CLIENT_DIR = Path.of("target", "node-client");

  private NodeClients() {}

  /**
   * Copies the scripts and runs {@code npm install} unless the packages of this package.json are
   * already there.
   */
  public static void install() throws IOException, InterruptedException {
    Files.createDirectories(CLIENT_DIR);
    Path installed = CLIENT_DIR.resolve("package.json");
    String wanted = Files.readString(CLIENT_SOURCES.resolve("package.json"));
    boolean current =
        Files.isDirectory(CLIENT_DIR.resolve("node_modules"))
            && Files.exists(installed)
            && Files.readString(installed).equals(wanted);
    // Every script in src/test/node, so a new one needs no change here.
    try (Stream<Path> sources = Files.list(CLIENT_SOURCES)) {
      for (Path file : sources.filter(Files::isRegularFile).toList()) {
        Files.copy(
            file, CLIENT_DIR.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    // A changed package.json (a client added or upgraded) installs again.
    if (!current) {
      run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
    }
  }

  /** Runs a command in the client directory; fails unless it exits 0. Returns its output. */
  public static String run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("node-client", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(CLIENT_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = process.waitFor(180, TimeUnit.SECONDS);
    String output = Files.readString(log);
    if (!done) {
      process.destroyForcibly();
      throw new AssertionError(command + " timed out: " + output);
    }
    assertThat(process.exitValue()).as(command + " output: " + output).isZero();
    return output;
  }
}
