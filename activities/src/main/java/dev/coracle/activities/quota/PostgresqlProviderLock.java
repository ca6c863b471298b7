package dev.coracle.activities.quota;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/**
 * On PostgreSQL, a transaction-scoped advisory lock per provider. Rows cannot be locked instead:
 * the first admission of a window finds no row to lock. The lock is released when the transaction
 * commits or rolls back, also when the process dies.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(property = "datasources.default.dialect", value = "POSTGRES")
interface PostgresqlProviderLock extends GenericRepository<QuotaUsage, Long>, ProviderLock {

  /** The first key of coracle's advisory locks, so they cannot collide with another program's. */
  int ADMISSIONS = 0x636f7261;

  @Override
  default void hold(String provider) {
    lock(ADMISSIONS, provider);
  }

  /** Counts the one row of a query that returns only once the lock is held. */
  @Query("SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(:space, hashtext(:provider))) AS held")
  long lock(int space, String provider);
}
