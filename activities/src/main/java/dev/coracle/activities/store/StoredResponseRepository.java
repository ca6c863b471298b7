package dev.coracle.activities.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

/** The {@code stored_responses} table. Times are epoch milliseconds, as stored. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface StoredResponseRepository extends CrudRepository<StoredResponse, String> {

  /** The response, unless it has expired. */
  @Query("SELECT * FROM stored_responses WHERE id = :id AND expires_at > :now")
  Optional<StoredResponse> findLive(String id, long now);

  @Query("DELETE FROM stored_responses WHERE expires_at <= :now")
  void deleteExpired(long now);
}
