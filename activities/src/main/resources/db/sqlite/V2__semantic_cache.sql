-- The semantic cache: earlier answers to chat requests without tools. Timestamps are epoch
-- milliseconds (UTC). Rows expire after the configured TTL and are deleted when answers are stored.
CREATE TABLE semantic_cache (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL,
    -- The model name the client sent: coracle, coracle-fast, groq/llama-3.3-70b, ...
    model_name        TEXT    NOT NULL,
    -- SHA-256 of the normalized earlier turns and the settings that shape the answer.
    context_hash      TEXT    NOT NULL,
    -- SHA-256 of what must match exactly in the last user turn: its numbers, identifiers and
    -- negations, or all of it when it is long or holds code.
    prompt_key        TEXT    NOT NULL,
    -- The normalized last user turn (cut short for long prompts, which match on prompt_key alone).
    prompt_text       TEXT    NOT NULL,
    -- all-MiniLM-L6-v2 embedding of prompt_text: 384 float32, little-endian, unit length.
    -- NULL for long prompts, which match exactly.
    embedding         BLOB,
    -- The ChatResult as JSON.
    result_json       TEXT    NOT NULL,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    hits              INTEGER NOT NULL DEFAULT 0,
    last_hit_at       INTEGER
);

CREATE INDEX semantic_cache_key ON semantic_cache (model_name, context_hash, prompt_key);
CREATE INDEX semantic_cache_expires_at ON semantic_cache (expires_at);

-- Lookup counters, one row each, so they survive restarts.
CREATE TABLE semantic_cache_stats (
    name  TEXT    PRIMARY KEY,
    total INTEGER NOT NULL DEFAULT 0
);

INSERT INTO semantic_cache_stats (name, total) VALUES ('hits', 0), ('misses', 0), ('skipped', 0);
