// Metric runs by id (DataLoader batch). Params: $ids. Returns id, node.
UNWIND $ids AS id
MATCH (r:MetricRun {id: id})
RETURN id, r {.*, computed_at: toString(r.computed_at), finished_at: toString(r.finished_at)} AS node
