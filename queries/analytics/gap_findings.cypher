// Gap findings of the latest complete run. Params: none.
// Returns kind, subject, detail (JSON text), run.
MATCH (r:MetricRun {status: 'complete'})
WITH r ORDER BY r.computed_at DESC, r.id DESC LIMIT 1
MATCH (r)-[:FOUND]->(f:GapFinding)
RETURN f.kind AS kind, f.subject AS subject, f.detail AS detail, r.id AS run
ORDER BY kind, subject
