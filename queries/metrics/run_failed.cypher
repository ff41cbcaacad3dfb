// Mark a metric run as failed, with the reason. Params: $id, $error. Returns id.
MATCH (r:MetricRun {id: $id})
SET r.status = 'failed', r.error = $error
RETURN r.id AS id
