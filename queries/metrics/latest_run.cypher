// The latest metric run: the newest one whose status is 'complete'. No params.
// Returns id, computed_at, params, graph_hash, timings, summary, counts.
MATCH (r:MetricRun {status: 'complete'})
RETURN r.id AS id, r.computed_at AS computed_at, r.params AS params,
       r.graph_hash AS graph_hash, r.timings AS timings, r.summary AS summary,
       r.counts AS counts
ORDER BY r.computed_at DESC, r.id DESC
LIMIT 1
