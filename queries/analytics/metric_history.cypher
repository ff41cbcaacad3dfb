// Each partner's values over the complete metric runs, oldest first (DataLoader batch).
// Params: $ids (partner ids).
// Returns id, points [{run, computed_at, params (JSON text), values (map of m_*)}].
UNWIND $ids AS id
OPTIONAL MATCH (r:MetricRun {status: 'complete'})-[m:MEASURED]->(:Partner {id: id})
WITH id, r, m ORDER BY r.computed_at, r.id
RETURN id, collect(CASE WHEN r IS NULL THEN null
                   ELSE {run: r.id, computed_at: toString(r.computed_at), params: r.params,
                         values: properties(m)}
                   END) AS points
