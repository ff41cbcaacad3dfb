// The runs whose values may be on partners now, for api/metric_gate.py: the latest run (the
// newest complete run over the whole graph) and every run marked as promoting (writing its
// values onto partners, or failed and not yet restored). Params: none.
// Returns latest (run properties, or null), promoting (a list of them).
OPTIONAL MATCH (r:MetricRun {status: 'complete'})
WHERE NOT coalesce(r.partial, false)
WITH r ORDER BY r.computed_at DESC, r.id DESC LIMIT 1
OPTIONAL MATCH (p:MetricRun {promoting: true})
WITH r, collect(p {.*, computed_at: toString(p.computed_at)}) AS promoting
RETURN CASE WHEN r IS NULL THEN null
       ELSE r {.*, computed_at: toString(r.computed_at), finished_at: toString(r.finished_at)}
       END AS latest, promoting
