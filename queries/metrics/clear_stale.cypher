// After a run over the whole graph promoted its values: clear the values of up to $limit
// partners that still hold another run's (a partner created after the projection was
// read), so every value on a partner comes from the run about to be the latest. Call until
// it returns 0. Params: $run, $limit, $cleared {m_*: null}. Returns cleared.
MATCH (p:Partner)
WHERE p.m_run IS NOT NULL AND p.m_run <> $run
WITH p LIMIT $limit
SET p += $cleared, p.m_run = null
RETURN count(p) AS cleared
