-- One row per model call, successful or not. Timestamps are epoch milliseconds (UTC).
CREATE TABLE audit (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    at                INTEGER NOT NULL,
    workflow_id       TEXT    NOT NULL,
    request_class     TEXT    NOT NULL,
    provider          TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    -- 'ok', or the name of the error type that ended the call.
    outcome           TEXT    NOT NULL,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    model_millis      INTEGER NOT NULL DEFAULT 0,
    error             TEXT
);

CREATE INDEX audit_at ON audit (at);
