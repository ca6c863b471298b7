package dev.coracle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official npm clients (src/test/node), installed once into target/node-client and run there as
 * child processes, the way a user's app runs them.
 */
public final class NodeClients {
  private static final Path CLIENT_SOURCES = Path.of("src", "test", "node");
  private static final Path CLIENT_DIR = Path.of("target", "node-client");
  private static final List<String> FILES =
      List.of("package.json", "client-check.mjs", "auth-check.mjs");

  private NodeClients() {}

  /** Copies the scripts and runs {@code npm install} unless the packages are already there. */
  public static void install() throws IOException, InterruptedException {
    Files.createDirectories(CLIENT_DIR);
    for (String file : FILES) {
      Files.copy(
          CLIENT_SOURCES.resolve(file),
          CLIENT_DIR.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(CLIENT_DIR.resolve("node_modules").resolve("openai"))) {
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
