// Record a metric run as started. It is not "the latest" until run_complete sets status.
// Params: $id, $computed_at (datetime), $params (JSON text). Returns id.
CREATE (r:MetricRun {id: $id, computed_at: $computed_at, params: $params, status: 'running'})
RETURN r.id AS id
