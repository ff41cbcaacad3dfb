// The latest metric run: the newest complete run over the whole graph (partial runs never
// are). Params: none. Returns node.
MATCH (r:MetricRun {status: 'complete'})
WHERE NOT coalesce(r.partial, false)
RETURN r {.*, computed_at: toString(r.computed_at), finished_at: toString(r.finished_at)} AS node
ORDER BY r.computed_at DESC, r.id DESC
LIMIT 1
