-- Free-tier bookkeeping. Timestamps are epoch milliseconds (UTC). A model of '*' stands for the
-- whole provider: its shared pool of requests (OpenRouter's free models) or provider-wide state
-- (a disabled API key).

-- Requests and tokens per fixed window. Windows are aligned to the clock in the provider's reset
-- zone; window_start is the window's first instant. A request is counted before the upstream call
-- with an estimate of its tokens, which the real usage replaces when the call ends.
CREATE TABLE quota_usage (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    provider          TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    -- 'minute', 'hour' or 'day'.
    window_kind       TEXT    NOT NULL,
    window_start      INTEGER NOT NULL,
    requests          INTEGER NOT NULL DEFAULT 0,
    -- Estimates of calls in flight plus the real usage of finished ones.
    tokens            INTEGER NOT NULL DEFAULT 0,
    -- Real usage only, for the savings at list prices.
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX quota_usage_window ON quota_usage (provider, model, window_kind, window_start);
CREATE INDEX quota_usage_start ON quota_usage (window_kind, window_start);

-- What coracle learned about a provider or one of its models: cooldowns after HTTP 429, a key
-- the upstream refused, the last error, and the limits and remaining counts its headers reported.
CREATE TABLE provider_state (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    provider           TEXT    NOT NULL,
    model              TEXT    NOT NULL,
    cooldown_until     INTEGER,
    cooldown_reason    TEXT,
    disabled           BOOLEAN NOT NULL DEFAULT 0,
    disabled_reason    TEXT,
    last_error         TEXT,
    last_error_at      INTEGER,
    limit_requests     INTEGER,
    remaining_requests INTEGER,
    requests_reset_at  INTEGER,
    limit_tokens       INTEGER,
    remaining_tokens   INTEGER,
    tokens_reset_at    INTEGER,
    learned_at         INTEGER,
    updated_at         INTEGER NOT NULL
);

CREATE UNIQUE INDEX provider_state_key ON provider_state (provider, model);
