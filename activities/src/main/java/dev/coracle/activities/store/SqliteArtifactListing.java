package dev.coracle.activities.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** {@link ArtifactListing} on SQLite, where rowid breaks ties in insertion order. */
@JdbcRepository(dialect = Dialect.ANSI)
@Requires(property = "datasources.default.dialect", notEquals = "POSTGRES")
interface SqliteArtifactListing extends GenericRepository<Artifact, String>, ArtifactListing {

  @Override
  @Query(
      """
      SELECT id, job_id, kind, name, media_type, size, sha256, X'' AS content, created_at
      FROM artifacts
      WHERE job_id = :jobId
      ORDER BY created_at, rowid
      """)
  List<Artifact> metadataForJob(String jobId);
}
