package dev.coracle.activities.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP npm packages, installed once into the module's {@code target/mcp-node}: the
 * reference "everything" server and the MCP inspector, whose CLI is what users check servers with.
 */
public final class McpNodePackages {
  public static final Path DIR = Path.of("target", "mcp-node").toAbsolutePath();

  private McpNodePackages() {}

  public static synchronized void install() throws IOException, InterruptedException {
    Path modules = DIR.resolve("node_modules").resolve("@modelcontextprotocol");
    if (Files.isDirectory(modules.resolve("server-everything"))
        && Files.isDirectory(modules.resolve("inspector"))) {
      return;
    }
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve("package.json"), "{\"private\": true}\n");
    run(
        List.of(
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "@modelcontextprotocol/server-everything",
            "@modelcontextprotocol/inspector"));
  }

  /** The "everything" server's entry point, to start with {@code node} over stdio. */
  public static Path everythingServer() {
    return DIR.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
  }

  /** The inspector's command line, run as {@code node <this> --cli ...}. */
  public static Path inspector() {
    return DIR.resolve("node_modules/.bin/mcp-inspector");
  }

  /** Runs a command in {@link #DIR}; its output, or an assertion error with it. */
  public static String run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("mcp-node", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(DIR.toFile())
            .redirectErrorStream(false)
            .redirectOutput(log.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    boolean done = process.waitFor(300, TimeUnit.SECONDS);
    String output = Files.readString(log);
    if (!done) {
      process.destroyForcibly();
      throw new AssertionError(command + " timed out: " + output);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(command + " exited " + process.exitValue() + ": " + output);
    }
    return output;
  }
}
