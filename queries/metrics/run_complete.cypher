// Mark a run complete: from now on it is "the latest" (the newest complete run).
// Params: $id, $graph_hash, $timings (JSON), $summary (JSON), $counts (JSON). Returns id.
MATCH (r:MetricRun {id: $id})
SET r.graph_hash = $graph_hash, r.timings = $timings, r.summary = $summary,
    r.counts = $counts, r.finished_at = datetime(), r.status = 'complete', r.promoting = null
RETURN r.id AS id
