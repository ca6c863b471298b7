package dev.coracle.activities.store;

import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.LoadedConfig;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps the responses of the Responses API door for as long as {@code responses.store-ttl-hours}
 * says. Expired rows are never returned, and each save purges them, so the table holds only what
 * can still be read.
 */
@Singleton
public class ResponseStore {

  private final StoredResponseRepository repository;
  private final Clock clock;
  private final Duration ttl;

  public ResponseStore(StoredResponseRepository repository, Clock clock, LoadedConfig loaded) {
    this.repository = repository;
    this.clock = clock;
    CoracleConfig.ResponsesConfig config = loaded.config().responses();
    this.ttl =
        Duration.ofHours(
            (config == null ? CoracleConfig.ResponsesConfig.DEFAULTS : config).storeTtlHours());
  }

  /**
   * Stores (or, for a repeated idempotent request, replaces) a response, stamped with the current
   * time, and purges the expired ones.
   */
  @Transactional
  public void save(String id, String previousResponseId, String itemsJson, String responseJson) {
    long now = clock.millis();
    repository.deleteExpired(now);
    StoredResponse row =
        new StoredResponse(
            id, now, now + ttl.toMillis(), previousResponseId, itemsJson, responseJson);
    if (repository.existsById(id)) {
      repository.update(row);
    } else {
      repository.save(row);
    }
  }

  /** The stored response, unless there is none or it has expired. */
  @ReadOnly
  public Optional<StoredResponse> find(String id) {
    return repository.findLive(id, clock.millis());
  }
}
