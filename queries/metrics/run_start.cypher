// Record a metric run as started. It is not "the latest" until run_complete sets status.
// A partial run (a region or partner kinds only) is never the latest: its values stay in
// its history (MEASURED) and never reach the partners.
// Params: $id, $computed_at (datetime), $params (JSON text), $partial (bool). Returns id.
CREATE (r:MetricRun {id: $id, computed_at: $computed_at, params: $params, status: 'running',
                     partial: $partial})
RETURN r.id AS id
