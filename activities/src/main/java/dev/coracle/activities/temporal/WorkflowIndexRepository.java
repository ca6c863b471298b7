package dev.coracle.activities.temporal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The {@code workflow_index} table. */
@JdbcRepository(dialect = Dialect.ANSI)
interface WorkflowIndexRepository extends CrudRepository<IndexedWorkflow, Long> {

  /** Drops all but the newest {@code keep} rows by start time. */
  @Query(
      """
      DELETE FROM workflow_index WHERE id NOT IN
          (SELECT id FROM workflow_index ORDER BY start_time DESC, id DESC LIMIT :keep)
      """)
  void keepNewest(int keep);

  @Query("SELECT * FROM workflow_index ORDER BY start_time DESC, id DESC LIMIT :limit")
  List<IndexedWorkflow> newest(int limit);

  @Query(
      """
      SELECT * FROM workflow_index
      WHERE workflow_id = :workflowId AND (:runId = '' OR run_id = :runId)
      ORDER BY start_time DESC LIMIT 1
      """)
  List<IndexedWorkflow> run(String workflowId, String runId);
}
