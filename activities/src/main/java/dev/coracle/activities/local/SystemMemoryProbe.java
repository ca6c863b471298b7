package dev.coracle.activities.local;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Available memory of this machine: {@code MemAvailable} from {@code /proc/meminfo} on Linux, which
 * counts the page cache the kernel would give back; elsewhere the JVM's view of free physical
 * memory, which does not, and so errs on the side of refusing.
 */
@Singleton
public class SystemMemoryProbe implements MemoryProbe {
  private static final Path PROC_MEMINFO = Path.of("/proc/meminfo");

  private final Path meminfo;

  public SystemMemoryProbe() {
    this(PROC_MEMINFO);
  }

  SystemMemoryProbe(Path meminfo) {
    this.meminfo = meminfo;
  }

  @Override
  public long availableBytes() {
    long fromProc = memAvailable();
    return fromProc >= 0 ? fromProc : jvmFreePhysicalMemory();
  }

  private long memAvailable() {
    if (!Files.isReadable(meminfo)) {
      return -1;
    }
    try {
      return parseMemAvailable(Files.readAllLines(meminfo));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The {@code MemAvailable: 123456 kB} line in bytes; -1 on kernels older than 3.14. */
  static long parseMemAvailable(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("MemAvailable:")) {
        String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
      }
    }
    return -1;
  }

  private static long jvmFreePhysicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getFreeMemorySize();
    }
    return -1;
  }
}
