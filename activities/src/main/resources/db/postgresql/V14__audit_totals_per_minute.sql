-- The PostgreSQL twin of db/sqlite/V14__audit_totals_per_minute.sql.
-- The model calls of each minute per provider and model, kept up to date by a trigger in the
-- same transaction as the call's audit row. A status answer sums the last day of minutes
-- (at most 1,441 rows per model) instead of scanning every call of the day, which made status
-- answers slower with every request a busy day had seen. Routing decisions that made no call
-- are left out, as in the totals before.
CREATE TABLE audit_minute (
    minute            BIGINT  NOT NULL, -- epoch milliseconds / 60000
    provider          TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    calls             BIGINT  NOT NULL,
    failures          BIGINT  NOT NULL,
    prompt_tokens     BIGINT  NOT NULL,
    completion_tokens BIGINT  NOT NULL,
    PRIMARY KEY (minute, provider, model)
);

CREATE FUNCTION audit_minute_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_minute
        (minute, provider, model, calls, failures, prompt_tokens, completion_tokens)
    VALUES
        (NEW.at / 60000, NEW.provider, NEW.model, 1,
         CASE WHEN NEW.outcome = 'ok' THEN 0 ELSE 1 END,
         NEW.prompt_tokens, NEW.completion_tokens)
    ON CONFLICT (minute, provider, model) DO UPDATE SET
        calls = audit_minute.calls + 1,
        failures = audit_minute.failures + excluded.failures,
        prompt_tokens = audit_minute.prompt_tokens + excluded.prompt_tokens,
        completion_tokens = audit_minute.completion_tokens + excluded.completion_tokens;
    RETURN NULL;
END;
$$;

CREATE TRIGGER audit_minute_totals AFTER INSERT ON audit
FOR EACH ROW
WHEN (NEW.outcome NOT IN ('SKIPPED', 'QUOTA_EXHAUSTED', 'TOOL_DROPPED', 'REDACTED'))
EXECUTE FUNCTION audit_minute_count();

INSERT INTO audit_minute
    (minute, provider, model, calls, failures, prompt_tokens, completion_tokens)
SELECT at / 60000, provider, model, COUNT(*),
       SUM(CASE WHEN outcome = 'ok' THEN 0 ELSE 1 END),
       SUM(prompt_tokens), SUM(completion_tokens)
FROM audit
WHERE outcome NOT IN ('SKIPPED', 'QUOTA_EXHAUSTED', 'TOOL_DROPPED', 'REDACTED')
GROUP BY at / 60000, provider, model;
