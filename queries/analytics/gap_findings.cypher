// Gap findings of the latest run (the newest complete run over the whole graph). Params: none.
// Returns kind, subject, detail (JSON text), run.
MATCH (r:MetricRun {status: 'complete'})
WHERE NOT coalesce(r.partial, false)
WITH r ORDER BY r.computed_at DESC, r.id DESC LIMIT 1
MATCH (r)-[:FOUND]->(f:GapFinding)
RETURN f.kind AS kind, f.subject AS subject, f.detail AS detail, r.id AS run
ORDER BY kind, subject
