-- The semantic cache now embeds the same text as the classifier (EmbeddingText: question marks
-- are kept as a word of their own), so that a chat embeds its prompt once. Rows from before were
-- embedded from other text and would be compared with the wrong vectors, so they are dropped.
-- The counters stay. Plain SQL: runs unchanged on SQLite and PostgreSQL.
DELETE FROM semantic_cache;
