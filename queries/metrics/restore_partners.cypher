// Undo a run's promotion that did not finish: up to $limit partners whose latest values came
// from $run (a run that is not complete) get back the values of the newest complete run that
// measured them (partial runs never promote, so never count), or none. Call until it
// returns 0.
// Params: $run, $limit, $cleared {m_*: null}. Returns restored.
MATCH (p:Partner {m_run: $run})
WITH p LIMIT $limit
OPTIONAL MATCH (r:MetricRun {status: 'complete'})-[m:MEASURED]->(p)
WHERE NOT coalesce(r.partial, false)
WITH p, r, m ORDER BY r.finished_at DESC
WITH p, head(collect(r.id)) AS previous, head(collect(m)) AS m
SET p += $cleared
SET p += coalesce(properties(m), {}), p.m_run = previous
RETURN count(p) AS restored
