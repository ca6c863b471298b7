package dev.coracle.activities.local;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The free-memory floor below which no local model is loaded ({@code local.ollama.min-free-ram-mb};
 * 0 turns it off). Memory the models about to be unloaded hold counts as free, or a machine that
 * fits one model at a time could never swap until Ollama's keep-alive ran out.
 */
final class RamFloor {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private final long floorBytes;
  private final MemoryProbe memory;

  RamFloor(int minFreeRamMb, MemoryProbe memory) {
    this.floorBytes = Math.max(0, minFreeRamMb) * 1024L * 1024;
    this.memory = memory;
  }

  /** Why {@code model} must not be loaded now, or empty when it may be. */
  Optional<String> refusal(String model, List<ResidentModel> toUnload) {
    if (floorBytes == 0) {
      return Optional.empty();
    }
    long free = memory.availableBytes();
    if (free < 0) {
      // An unknown amount is no reason to refuse; Ollama still checks before it loads.
      return Optional.empty();
    }
    long freed = toUnload.stream().mapToLong(ResidentModel::ramBytes).sum();
    if (free + freed >= floorBytes) {
      return Optional.empty();
    }
    String afterUnload =
        freed == 0
            ? ""
            : " ("
                + gib(free + freed)
                + " once "
                + toUnload.stream().map(ResidentModel::name).collect(Collectors.joining(", "))
                + " is unloaded)";
    return Optional.of(
        "not loading "
            + model
            + ": "
            + gib(free)
            + " free"
            + afterUnload
            + ", below the "
            + gib(floorBytes)
            + " floor (local.ollama.min-free-ram-mb)");
  }

  private static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
  }
}
