package dev.coracle.activities.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** This machine's name, as a default {@code worker.host-id}, and what a host id may look like. */
public final class HostNames {
  /** Letters, digits, dot, dash and underscore: safe in a task queue name and a file name. */
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private HostNames() {}

  /**
   * The kernel's hostname, read without a DNS lookup (which can take seconds on a laptop offline).
   */
  public static String local() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException notLinux) {
        name = null;
      }
    }
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        name = "localhost";
      }
    }
    return sanitized(name.strip());
  }

  /** True when {@code hostId} is usable in queue names. */
  public static boolean valid(String hostId) {
    return hostId != null && VALID.matcher(hostId).matches();
  }

  /** A hostname cut to what a host id may hold: its first label, lower case. */
  static String sanitized(String hostname) {
    String first = hostname.split("\\.")[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    return valid(first) ? first : "localhost";
  }
}
