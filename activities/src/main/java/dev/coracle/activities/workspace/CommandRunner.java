package dev.coracle.activities.workspace;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in a workspace: the workspace as working directory, stdin closed, the {@link
 * SafeEnvironment}, stdout and stderr merged and bounded, and a time limit that kills every process
 * the command started, not just the first.
 */
public final class CommandRunner {

  static final Duration POLL = Duration.ofMillis(100);

  /**
   * How long output may keep flowing after the command exits. A background child that inherited the
   * output pipe keeps it open; past this it is killed so the call can return.
   */
  static final Duration DRAIN = Duration.ofSeconds(2);

  private static final File NO_INPUT = new File("/dev/null");

  private CommandRunner() {}

  /**
   * @param captureBytes the most output kept (its start and its end)
   * @param tick called about every {@link #POLL} while the command runs, e.g. to heartbeat
   * @throws IOException when the command cannot be started at all
   */
  public static CommandResult run(
      List<String> command, Path directory, Duration timeout, int captureBytes, Runnable tick)
      throws IOException {
    return run(
        command, directory, SafeEnvironment.forWorkspace(directory), timeout, captureBytes, tick);
  }

  /**
   * @param environment the whole environment of the command, in place of the {@link
   *     SafeEnvironment}; for a command that needs more (git's settings), never coracle's own
   */
  public static CommandResult run(
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Duration timeout,
      int captureBytes,
      Runnable tick)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
    builder.environment().clear();
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    Process process = builder.start();
    OutputCapture capture = new OutputCapture(process.getInputStream(), captureBytes);
    Thread reader = new Thread(capture, "command-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();

    // A child's parent pid is lost once the command exits, so its processes are noted while it
    // runs.
    Set<ProcessHandle> startedProcesses = new HashSet<>();
    boolean timedOut = false;
    int exitCode;
    try {
      while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(startedProcesses::add);
        tick.run();
        if (System.nanoTime() - started > timeout.toNanos()) {
          timedOut = true;
          killAll(process, startedProcesses);
          break;
        }
      }
      reader.join(DRAIN.toMillis());
      if (reader.isAlive()) {
        killAll(process, startedProcesses);
        reader.join(DRAIN.toMillis());
      }
      exitCode = process.waitFor();
    } catch (InterruptedException e) {
      killAll(process, startedProcesses);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command, e);
    }
    return new CommandResult(
        exitCode,
        timedOut,
        capture.text(),
        capture.total(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** Kills the command and everything it started, twice, to catch processes forked meanwhile. */
  private static void killAll(Process process, Set<ProcessHandle> seen) {
    for (int pass = 0; pass < 2; pass++) {
      process.descendants().forEach(seen::add);
      Set.copyOf(seen).forEach(handle -> handle.descendants().forEach(seen::add));
      process.destroyForcibly();
      seen.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
