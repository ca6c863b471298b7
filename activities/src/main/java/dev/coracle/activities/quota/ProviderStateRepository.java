package dev.coracle.activities.quota;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

/** The {@code provider_state} table; one row per provider and model ({@code *}: all models). */
@JdbcRepository(dialect = Dialect.ANSI)
interface ProviderStateRepository extends CrudRepository<ProviderState, Long> {

  /** Creates the row of a provider and model unless it exists. */
  @Query(
      """
      INSERT INTO provider_state (provider, model, disabled, updated_at)
      VALUES (:provider, :model, FALSE, :now)
      ON CONFLICT (provider, model) DO NOTHING
      """)
  void ensure(String provider, String model, long now);

  Optional<ProviderState> findByProviderAndModel(String provider, String model);

  @Query(
      """
      UPDATE provider_state SET disabled = :disabled, disabled_reason = :reason, updated_at = :now
      WHERE provider = :provider AND model = '*'
      """)
  void setDisabled(String provider, boolean disabled, @Nullable String reason, long now);

  /** Sets a cooldown, unless a longer one already holds. */
  @Query(
      """
      UPDATE provider_state
      SET cooldown_reason = CASE WHEN cooldown_until IS NULL OR cooldown_until < :until
                                 THEN :reason ELSE cooldown_reason END,
          cooldown_until = CASE WHEN cooldown_until IS NULL OR cooldown_until < :until
                                THEN :until ELSE cooldown_until END,
          updated_at = :now
      WHERE provider = :provider AND model = :model
      """)
  void extendCooldown(String provider, String model, long until, String reason, long now);

  @Query(
      """
      UPDATE provider_state SET last_error = :error, last_error_at = :now, updated_at = :now
      WHERE provider = :provider AND model = :model
      """)
  void recordError(String provider, String model, String error, long now);

  /** Counts an admitted call against what the upstream last said was left. */
  @Query(
      """
      UPDATE provider_state
      SET remaining_requests = CASE WHEN remaining_requests IS NULL THEN NULL
                                    WHEN remaining_requests > 1 THEN remaining_requests - 1
                                    ELSE 0 END,
          remaining_tokens = CASE WHEN remaining_tokens IS NULL THEN NULL
                                  WHEN remaining_tokens > :tokens THEN remaining_tokens - :tokens
                                  ELSE 0 END
      WHERE provider = :provider AND (model = :model OR model = :pool) AND learned_at IS NOT NULL
      """)
  void consumeLearned(String provider, String model, String pool, long tokens);
}
