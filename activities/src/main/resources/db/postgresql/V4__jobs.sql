-- The PostgreSQL twin of db/sqlite/V4__jobs.sql.
-- Coding jobs. With the embedded Temporal server (memory only) these tables are the source of
-- truth for crash recovery: every unfinished job is restarted from its request and resumes after
-- its last checkpointed step. Timestamps are epoch milliseconds (UTC).

CREATE TABLE jobs (
    -- The workflow id, job-<ULID>.
    id                TEXT    PRIMARY KEY,
    -- queued, running, paused, cancelled, failed, done.
    status            TEXT    NOT NULL,
    -- queued, consolidate, refine, plan, parse, step, verify, summary, finished.
    stage             TEXT    NOT NULL,
    request_class     TEXT    NOT NULL,
    -- The resolved workspace directory; null until the job has consolidated it.
    workspace         TEXT,
    title             TEXT    NOT NULL,
    -- The JobRequest without its resume part (JSON): what recovery restarts.
    request_json      TEXT    NOT NULL,
    -- The 1-based step running or last run, 0 before the first; step_count is the plan's length.
    current_step      BIGINT  NOT NULL DEFAULT 0,
    step_count        BIGINT  NOT NULL DEFAULT 0,
    -- The JobPlanState (JSON) once planning is done: brief, context artifact, plan, replans.
    plan_json         TEXT,
    planner           TEXT,
    prompt_tokens     BIGINT  NOT NULL DEFAULT 0,
    completion_tokens BIGINT  NOT NULL DEFAULT 0,
    -- JSON array of workspace-relative paths.
    changed_files     TEXT    NOT NULL DEFAULT '[]',
    summary           TEXT,
    error             TEXT,
    last_event_seq    BIGINT  NOT NULL DEFAULT 0,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    finished_at       BIGINT 
);

CREATE INDEX jobs_status ON jobs (status, created_at);
CREATE INDEX jobs_created ON jobs (created_at);

-- One row per step of the current plan: the checkpoints. A done step is never run again.
CREATE TABLE job_steps (
    job_id            TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    idx               BIGINT  NOT NULL,
    goal              TEXT    NOT NULL,
    -- pending, running, done, failed, skipped.
    status            TEXT    NOT NULL,
    -- The whole JobStep (JSON): plan step, summary, changed files, turns, timings, usage.
    step_json         TEXT    NOT NULL,
    started_at        BIGINT  NOT NULL DEFAULT 0,
    finished_at       BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, idx)
);

-- The running step's coder transcript (StepProgress JSON), saved after every turn and tool result.
CREATE TABLE job_progress (
    job_id            TEXT    PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    step_idx          BIGINT  NOT NULL,
    progress_json     TEXT    NOT NULL,
    updated_at        BIGINT  NOT NULL
);

-- Progress lines, numbered per job; what /api/jobs/{id}/events streams.
CREATE TABLE job_events (
    job_id            TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq               BIGINT  NOT NULL,
    at                BIGINT  NOT NULL,
    type              TEXT    NOT NULL,
    stage             TEXT,
    step              BIGINT  NOT NULL DEFAULT 0,
    message           TEXT    NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- Big things kept out of workflow histories: workspace snapshots, long tool outputs, screenshots.
CREATE TABLE artifacts (
    -- art-<ULID>.
    id                TEXT    PRIMARY KEY,
    job_id            TEXT,
    -- e.g. workspace-snapshot, tool-output, screenshot.
    kind              TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    media_type        TEXT    NOT NULL,
    size              BIGINT  NOT NULL,
    sha256            TEXT    NOT NULL,
    content           BYTEA   NOT NULL,
    created_at        BIGINT  NOT NULL,
    -- Insertion order, which SQLite keeps in its implicit rowid: a job's artifacts are listed in
    -- the order they were made, and several can share a millisecond.
    seq               BIGINT  GENERATED ALWAYS AS IDENTITY
);

CREATE INDEX artifacts_job ON artifacts (job_id, created_at);
