-- The model calls of each minute per provider and model, kept up to date by a trigger in the
-- same transaction as the call's audit row. A status answer sums the last day of minutes
-- (at most 1,441 rows per model) instead of scanning every call of the day, which made status
-- answers slower with every request a busy day had seen. Routing decisions that made no call
-- are left out, as in the totals before.
CREATE TABLE audit_minute (
    minute            INTEGER NOT NULL, -- epoch milliseconds / 60000
    provider          TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    calls             INTEGER NOT NULL,
    failures          INTEGER NOT NULL,
    prompt_tokens     INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    PRIMARY KEY (minute, provider, model)
) WITHOUT ROWID;

CREATE TRIGGER audit_minute_totals AFTER INSERT ON audit
WHEN NEW.outcome NOT IN ('SKIPPED', 'QUOTA_EXHAUSTED', 'TOOL_DROPPED', 'REDACTED')
BEGIN
    INSERT INTO audit_minute
        (minute, provider, model, calls, failures, prompt_tokens, completion_tokens)
    VALUES
        (NEW.at / 60000, NEW.provider, NEW.model, 1,
         CASE WHEN NEW.outcome = 'ok' THEN 0 ELSE 1 END,
         NEW.prompt_tokens, NEW.completion_tokens)
    ON CONFLICT (minute, provider, model) DO UPDATE SET
        calls = calls + 1,
        failures = failures + excluded.failures,
        prompt_tokens = prompt_tokens + excluded.prompt_tokens,
        completion_tokens = completion_tokens + excluded.completion_tokens;
END;

INSERT INTO audit_minute
    (minute, provider, model, calls, failures, prompt_tokens, completion_tokens)
SELECT at / 60000, provider, model, COUNT(*),
       SUM(CASE WHEN outcome = 'ok' THEN 0 ELSE 1 END),
       SUM(prompt_tokens), SUM(completion_tokens)
FROM audit
WHERE outcome NOT IN ('SKIPPED', 'QUOTA_EXHAUSTED', 'TOOL_DROPPED', 'REDACTED')
GROUP BY at / 60000, provider, model;
