package dev.coracle.activities.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The {@code artifacts} table. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface ArtifactRepository extends CrudRepository<Artifact, String> {

  /**
   * A job's artifacts without their content, oldest first. Content can be megabytes per row, and a
   * listing only needs to say what is there; rowid breaks ties in insertion order.
   */
  @Query(
      """
      SELECT id, job_id, kind, name, media_type, size, sha256, X'' AS content, created_at
      FROM artifacts
      WHERE job_id = :jobId
      ORDER BY created_at, rowid
      """)
  List<Artifact> metadataForJob(String jobId);
}
