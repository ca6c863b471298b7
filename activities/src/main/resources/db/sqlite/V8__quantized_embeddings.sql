-- The embedding model changed from all-MiniLM-L6-v2 to its 8-bit quantized version. Vectors of
-- the two models are close but not the same, and the cache's similarity threshold was chosen for
-- vectors of one model, so cached answers from before are dropped rather than matched across
-- models. The counters stay.
DELETE FROM semantic_cache;
