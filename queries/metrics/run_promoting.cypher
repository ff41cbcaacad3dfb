// Mark a run as promoting (its values are being copied onto partners; it is still not the
// latest) or clear the mark once a failed run's partners are restored.
// Params: $id, $promoting (bool). Returns id.
MATCH (r:MetricRun {id: $id})
SET r.promoting = $promoting
RETURN r.id AS id
