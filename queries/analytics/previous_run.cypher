// The complete run over the whole graph (not partial) before a given run: what a run is
// compared with by default. Params: $run (run id). Returns node (as analytics/runs.cypher).
MATCH (t:MetricRun {id: $run})
MATCH (r:MetricRun {status: 'complete'})
WHERE NOT coalesce(r.partial, false)
  AND (r.computed_at < t.computed_at OR (r.computed_at = t.computed_at AND r.id < t.id))
RETURN r {.*, computed_at: toString(r.computed_at), finished_at: toString(r.finished_at)} AS node
ORDER BY r.computed_at DESC, r.id DESC
LIMIT 1
