-- The workflows of embedded Temporal servers coracle has closed (each recycle replaces the
-- in-memory server with a fresh one), so `temporal workflow list` keeps showing recent workflows
-- across servers. Bounded: every write keeps only the newest rows by start time.
-- Times are epoch milliseconds (UTC); status is Temporal's WorkflowExecutionStatus number.
CREATE TABLE workflow_index (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id    TEXT    NOT NULL,
    run_id         TEXT    NOT NULL,
    workflow_type  TEXT    NOT NULL,
    task_queue     TEXT    NOT NULL,
    status         INTEGER NOT NULL,
    start_time     INTEGER NOT NULL,
    -- 0 while the workflow was still running when its server closed.
    close_time     INTEGER NOT NULL,
    history_length INTEGER NOT NULL,
    -- 1 for the server coracle started with, one more for each recycle.
    generation     INTEGER NOT NULL
);

CREATE UNIQUE INDEX workflow_index_run ON workflow_index (workflow_id, run_id);
CREATE INDEX workflow_index_start ON workflow_index (start_time);
