-- The semantic cache now embeds a normalized form of the prompt (case, punctuation and
-- contractions folded), stores the prompt with its case for the precision guard, and keys
-- entries with a new version. Rows from before were embedded from other text and would be
-- compared with the wrong vectors, so they are dropped. The counters stay.
DELETE FROM semantic_cache;
