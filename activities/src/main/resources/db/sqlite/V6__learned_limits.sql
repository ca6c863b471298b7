-- Limits an upstream reported (rate-limit headers, a 429's quota details), one row per provider,
-- model (or '*' for a shared pool), window and unit. They cap the configured limits in later
-- windows, so a configured limit that is too high costs at most one 429, and they survive restarts.
-- learned_at is epoch milliseconds (UTC); a newer report of the same limit replaces the row.
CREATE TABLE learned_limit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider    TEXT    NOT NULL,
    model       TEXT    NOT NULL,
    -- 'minute', 'hour' or 'day'.
    window_kind TEXT    NOT NULL,
    -- 'requests' or 'tokens'.
    unit        TEXT    NOT NULL,
    limit_value INTEGER NOT NULL,
    -- Where the value came from, e.g. 'x-ratelimit-limit-requests' or a Gemini quota id.
    source      TEXT    NOT NULL,
    learned_at  INTEGER NOT NULL
);

CREATE UNIQUE INDEX learned_limit_key ON learned_limit (provider, model, window_kind, unit);
