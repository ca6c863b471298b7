package dev.coracle.activities.local;

/**
 * How much memory a newly loaded model could use. An interface so tests can pretend the machine is
 * short of memory.
 */
public interface MemoryProbe {

  /** Bytes of RAM available without swapping, or a negative number when it cannot be told. */
  long availableBytes();
}
