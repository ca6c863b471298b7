-- The PostgreSQL twin of db/sqlite/V5__one_unfinished_job_per_workspace.sql.
-- One unfinished job per workspace. A job registered with a workspace holds it, by its real path,
-- until the job is done, failed or cancelled: two jobs writing the same files race each other, and
-- a second job could swap a directory for a symlink under the first one's file tools. The partial
-- unique index makes the check atomic: of two submissions at the same moment, one insert fails.
-- Jobs registered before this migration hold nothing (null), so an existing store always migrates.

ALTER TABLE jobs ADD COLUMN workspace_lock TEXT;

CREATE UNIQUE INDEX jobs_one_unfinished_per_workspace ON jobs (workspace_lock)
    WHERE workspace_lock IS NOT NULL AND status IN ('queued', 'running', 'paused');
