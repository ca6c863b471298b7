package dev.coracle.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar coracle.jar serve} as a child process, the way a user runs it. */
public final class CoracleProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "coracle.jar").toAbsolutePath();

  final Process process;
  final Path stdout;
  final Path stderr;
  final int httpPort;
  final int temporalPort;

  private CoracleProcess(
      Process process, Path stdout, Path stderr, int httpPort, int temporalPort) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.httpPort = httpPort;
    this.temporalPort = temporalPort;
  }

  public static CoracleProcess launch(
      Path home, Path logs, Map<String, String> env, String... args) {
    return launchRole("serve", home, logs, env, args);
  }

  /**
   * {@code coracle <role>}: {@code serve}, {@code api}, {@code worker} or {@code temporal}. Roles
   * with HTTP get a free {@code --port} unless {@code args} name one.
   */
  public static CoracleProcess launchRole(
      String role, Path home, Path logs, Map<String, String> env, String... args) {
    int httpPort = freePort();
    int temporalPort = freePort();
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString(), role));
    command.addAll(List.of(args));
    if (List.of("serve", "api").contains(role) && !List.of(args).contains("--port")) {
      command.addAll(List.of("--port", Integer.toString(httpPort)));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("CORACLE_HOME", home.toString());
    builder.environment().put("CORACLE_TEMPORAL_EMBEDDED_PORT", Integer.toString(temporalPort));
    // Tests make their workspaces in temporary directories; the default root is the user's home.
    builder.environment().put("CORACLE_JOBS_WORKSPACE_ROOTS", System.getProperty("java.io.tmpdir"));
    builder.environment().putAll(env);
    Path out = logs.resolve(role + "-stdout-" + httpPort + ".txt");
    Path err = logs.resolve(role + "-stderr-" + httpPort + ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    try {
      return new CoracleProcess(builder.start(), out, err, httpPort, temporalPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Polls {@code /v1/models} until it answers; returns how long that took. */
  Duration awaitReady(Duration limit) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "coracle exited early with " + process.exitValue() + ": " + stderrText());
      }
      try {
        HttpResponse<String> response = HttpCalls.get(baseUrl() + "/v1/models");
        if (response.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (UncheckedIOException notYet) {
        // Not listening yet.
      }
      sleep(100);
    }
    throw new AssertionError("coracle did not answer within " + limit + ": " + stderrText());
  }

  /** Waits until the process prints {@code line} on stdout, as the roles without HTTP do. */
  String awaitOutput(String line, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      String out = stdoutText();
      if (out.contains(line)) {
        return out;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "coracle exited early with " + process.exitValue() + ": " + stderrText());
      }
      sleep(100);
    }
    throw new AssertionError(
        "coracle never printed '" + line + "': " + stdoutText() + stderrText());
  }

  /** Waits for the process to end; returns its exit code. */
  public int awaitExit(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("coracle still running after " + limit);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  String stdoutText() {
    return read(stdout);
  }

  public String stderrText() {
    return read(stderr);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
