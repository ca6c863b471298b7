package dev.coracle.activities.tools.shell;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resource limits put on a command with util-linux {@code prlimit}, since Java cannot set rlimits
 * on a child itself. They stop a runaway command from eating the laptop — a fork bomb, a leak, a
 * file filling the disk — and are generous enough for compilers and test runners.
 */
public final class ProcessLimits {

  static final long GIB = 1024L * 1024 * 1024;

  /** Per user, not per command: a desktop session already runs hundreds of processes. */
  static final int PROCESSES = 4096;

  static final long FILE_BYTES = GIB;

  private final Optional<Path> prlimit;
  private final long addressSpaceBytes;

  ProcessLimits(Optional<Path> prlimit, long addressSpaceBytes) {
    this.prlimit = prlimit;
    this.addressSpaceBytes = addressSpaceBytes;
  }

  /**
   * Limits through the prlimit on {@code searchPath}, if any. A command may reserve as much address
   * space as the machine has memory (at least 4 GiB): virtual machines such as the JVM reserve far
   * more than they use, and past physical memory the laptop would only swap.
   */
  static ProcessLimits detect(String searchPath) {
    long memory =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return new ProcessLimits(Executables.find("prlimit", searchPath), Math.max(4 * GIB, memory));
  }

  /** The prefix that runs a command under the limits; empty without prlimit. */
  List<String> prefix() {
    List<String> prefix = new ArrayList<>();
    prlimit.ifPresent(
        path -> {
          prefix.add(path.toString());
          prefix.add("--as=" + addressSpaceBytes);
          prefix.add("--nproc=" + PROCESSES);
          prefix.add("--fsize=" + FILE_BYTES);
          prefix.add("--core=0");
          prefix.add("--");
        });
    return prefix;
  }

  String describe() {
    if (prlimit.isEmpty()) {
      return "no resource limits (prlimit is not installed), only the time limit";
    }
    return "prlimit: "
        + addressSpaceBytes / GIB
        + " GiB address space, "
        + PROCESSES
        + " processes, "
        + FILE_BYTES / GIB
        + " GiB per file";
  }
}
