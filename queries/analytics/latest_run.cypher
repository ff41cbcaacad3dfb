// The latest metric run: the newest complete one. Params: none. Returns node.
MATCH (r:MetricRun {status: 'complete'})
RETURN r {.*, computed_at: toString(r.computed_at), finished_at: toString(r.finished_at)} AS node
ORDER BY r.computed_at DESC, r.id DESC
LIMIT 1
