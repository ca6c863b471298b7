package dev.coracle.activities.local;

import java.time.Instant;

/**
 * One model Ollama has in memory, as {@code GET /api/ps} lists it.
 *
 * @param name the full tag, e.g. {@code qwen2.5-coder:7b}
 * @param size bytes the model occupies in total
 * @param sizeVram bytes of {@code size} that sit in GPU memory
 * @param expiresAt when Ollama unloads it unless it is used again; null if Ollama did not say
 */
public record ResidentModel(String name, long size, long sizeVram, Instant expiresAt) {

  /** Bytes of system RAM the model holds, which unloading it gives back. */
  public long ramBytes() {
    return Math.max(0, size - sizeVram);
  }

  /** Whether this is {@code model}, which may omit the {@code :latest} tag as Ollama allows. */
  public boolean matches(String model) {
    return canonical(name).equals(canonical(model));
  }

  /**
   * The name as Ollama reports it: {@code qwen2.5} and {@code qwen2.5:latest} are the same model.
   */
  static String canonical(String model) {
    String trimmed = model == null ? "" : model.trim();
    String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    return last.contains(":") || trimmed.isEmpty() ? trimmed : trimmed + ":latest";
  }
}
