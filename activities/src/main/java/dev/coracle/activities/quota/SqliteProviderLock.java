package dev.coracle.activities.quota;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * On SQLite every transaction begins with {@code BEGIN IMMEDIATE}, which takes the database's one
 * write lock, so admissions are already serialized across threads and processes.
 */
@Singleton
@Requires(property = "datasources.default.dialect", notEquals = "POSTGRES")
final class SqliteProviderLock implements ProviderLock {

  @Override
  public void hold(String provider) {
    // The transaction's write lock already holds every provider.
  }
}
