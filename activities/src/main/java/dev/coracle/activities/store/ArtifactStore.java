package dev.coracle.activities.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Keeps big things out of workflow histories: they are stored here and histories carry the id. */
@Singleton
public class ArtifactStore {

  private final ArtifactRepository repository;
  private final ArtifactListing listing;
  private final Clock clock;

  public ArtifactStore(ArtifactRepository repository, ArtifactListing listing, Clock clock) {
    this.repository = repository;
    this.listing = listing;
    this.clock = clock;
  }

  /**
   * Stores {@code content} with its size and SHA-256, stamped with the current time.
   *
   * @return the new id, {@code art-<ULID>}
   */
  public String put(
      @Nullable String jobId, String kind, String name, String mediaType, byte[] content) {
    long now = clock.millis();
    String id = ArtifactIds.next(now);
    repository.save(
        new Artifact(
            id, jobId, kind, name, mediaType, content.length, sha256(content), content, now));
    return id;
  }

  @ReadOnly
  public Optional<Artifact> get(String id) {
    return repository.findById(id);
  }

  /** What a job has stored, oldest first, without the content; {@link #get} loads one. */
  @ReadOnly
  public List<Artifact> forJob(String jobId) {
    return listing.metadataForJob(jobId);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
