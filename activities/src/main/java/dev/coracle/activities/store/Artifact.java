package dev.coracle.activities.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.nio.charset.StandardCharsets;

/**
 * Something too big for a workflow history, a row of the {@code artifacts} table: a workspace
 * snapshot, a tool's full output. Histories carry only the id.
 *
 * @param id {@code art-<ULID>}
 * @param jobId the job it belongs to, or null
 * @param kind what it is, e.g. {@link #WORKSPACE_SNAPSHOT} or {@link #TOOL_OUTPUT}
 * @param content the bytes; empty in the metadata that {@link ArtifactStore#forJob} lists
 * @param createdAt epoch milliseconds
 */
@MappedEntity("artifacts")
public record Artifact(
    @Id String id,
    @Nullable String jobId,
    String kind,
    String name,
    String mediaType,
    long size,
    String sha256,
    byte[] content,
    long createdAt) {

  public static final String WORKSPACE_SNAPSHOT = "workspace-snapshot";
  public static final String TOOL_OUTPUT = "tool-output";
  public static final String TEXT = "text/plain; charset=utf-8";

  /** The content as UTF-8 text. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }
}
