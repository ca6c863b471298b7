package dev.coracle.activities.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/**
 * {@link ArtifactListing} on PostgreSQL, which has no rowid: its {@code artifacts} table numbers
 * rows in {@code seq} instead.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(property = "datasources.default.dialect", value = "POSTGRES")
interface PostgresqlArtifactListing extends GenericRepository<Artifact, String>, ArtifactListing {

  @Override
  @Query(
      """
      SELECT id, job_id, kind, name, media_type, size, sha256, CAST('' AS BYTEA) AS content,
             created_at
      FROM artifacts
      WHERE job_id = :jobId
      ORDER BY created_at, seq
      """)
  List<Artifact> metadataForJob(String jobId);
}
