-- The PostgreSQL twin of db/sqlite/V12__job_transcripts.sql.
-- A running step's coder conversation, one row per message, so that workflow histories carry only
-- how many messages there are. Written with the job's progress, in the same transaction; a tool
-- output too long for the history is an artifact, and its row names it. Dropped at the step's
-- checkpoint, like its progress.
CREATE TABLE job_transcript (
    job_id            TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    step_idx          BIGINT  NOT NULL,
    -- The message's position in the step's conversation, from 0.
    seq               BIGINT  NOT NULL,
    -- The ChatMessage (JSON); for a long tool output its content is only the start.
    message_json      TEXT    NOT NULL,
    -- The artifact holding the message's whole content, or null.
    artifact_id       TEXT,
    PRIMARY KEY (job_id, step_idx, seq)
);

-- The coder's tools for a running step (AgentTools JSON), declared by each run of the step.
CREATE TABLE job_step_tools (
    job_id            TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    step_idx          BIGINT  NOT NULL,
    tools_json        TEXT    NOT NULL,
    PRIMARY KEY (job_id, step_idx)
);
