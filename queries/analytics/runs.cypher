// Metric runs, newest first. Params: $limit. Returns node (run properties; computed_at and
// finished_at as ISO strings).
MATCH (r:MetricRun)
RETURN r {.*, computed_at: toString(r.computed_at), finished_at: toString(r.finished_at)} AS node
ORDER BY r.computed_at DESC, r.id DESC
LIMIT $limit
