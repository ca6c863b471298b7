package dev.coracle.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code java -jar coracle.jar jobs ...} as a child process, as a user runs it: against a running
 * coracle's URL, reading the API key from the same home.
 */
final class JobsCli {
  /** What a finished command printed and how it exited. */
  record Run(int exitCode, String stdout, String stderr) {}

  private final String baseUrl;
  private final Path home;
  private final Path logs;

  JobsCli(String baseUrl, Path home, Path logs) {
    this.baseUrl = baseUrl;
    this.home = home;
    this.logs = logs;
  }

  Run run(String... args) {
    Process process = start(command(args), false);
    return finish(process, Duration.ofSeconds(60));
  }

  /**
   * Starts the command in a pseudo-terminal ({@code script} from util-linux), so it sees a TTY as
   * in a user's terminal; its output, escape sequences included, goes to {@link #ptyOutput}.
   */
  Process startInTerminal(String... args) {
    String line = command(args).stream().map(JobsCli::shellQuote).collect(Collectors.joining(" "));
    return start(List.of("script", "-qfec", line, "/dev/null"), true);
  }

  Path ptyOutput(Process process) {
    return logs.resolve("out-" + process.pid() + ".txt");
  }

  String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Run finish(Process process, Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the command did not end within " + limit);
      }
      return new Run(
          process.exitValue(),
          read(logs.resolve("out-" + process.pid() + ".txt")),
          read(logs.resolve("err-" + process.pid() + ".txt")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                CoracleProcess.JAR.toString(),
                "jobs"));
    command.addAll(List.of(args));
    command.addAll(List.of("--url", baseUrl));
    return command;
  }

  private Process start(List<String> command, boolean terminal) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("CORACLE_HOME", home.toString());
    builder.environment().put("TERM", "xterm-256color");
    try {
      Files.createDirectories(logs);
      Path out = Files.createTempFile(logs, "out", ".txt");
      Path err = Files.createTempFile(logs, "err", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      // Named by pid once it is known, so finish() and ptyOutput() find them.
      Files.move(out, logs.resolve("out-" + process.pid() + ".txt"));
      Files.move(err, logs.resolve("err-" + process.pid() + ".txt"));
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String shellQuote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
