package dev.coracle.activities.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The {@code artifacts} table; {@link ArtifactListing} lists a job's, per backend. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface ArtifactRepository extends CrudRepository<Artifact, String> {}
