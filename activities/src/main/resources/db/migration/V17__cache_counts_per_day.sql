-- The semantic cache's lookup counters per UTC day (epoch days), so the dashboard can show the
-- hit rate over time; semantic_cache_stats keeps the totals. Plain SQL that SQLite and
-- PostgreSQL both run unchanged.
CREATE TABLE semantic_cache_daily (
    day   BIGINT  NOT NULL,
    name  TEXT    NOT NULL,
    total BIGINT  NOT NULL,
    PRIMARY KEY (day, name)
);
