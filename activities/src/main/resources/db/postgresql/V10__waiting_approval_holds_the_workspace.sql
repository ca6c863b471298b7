-- The PostgreSQL twin of db/sqlite/V10__waiting_approval_holds_the_workspace.sql.
-- A job waiting for its plan's approval is unfinished: it keeps holding its workspace, so no other
-- job starts writing there between the plan a person reads and the work that follows it.
-- waiting_approval is a new value of jobs.status; the index of V5 is rebuilt to include it.

DROP INDEX jobs_one_unfinished_per_workspace;

CREATE UNIQUE INDEX jobs_one_unfinished_per_workspace ON jobs (workspace_lock)
    WHERE workspace_lock IS NOT NULL
      AND status IN ('queued', 'running', 'paused', 'waiting_approval');
