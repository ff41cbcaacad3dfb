// The direct trust tie from one partner to another in the latest run (the newest complete
// run over the whole graph).
// Params: $from, $to. Returns score, uncertainty, direct, components (JSON text), run.
MATCH (r:MetricRun {status: 'complete'})
WHERE NOT coalesce(r.partial, false)
WITH r ORDER BY r.computed_at DESC, r.id DESC LIMIT 1
MATCH (:Partner {id: $from})-[t:TRUSTS {run: r.id}]->(:Partner {id: $to})
RETURN t.score AS score, t.uncertainty AS uncertainty, t.direct AS direct,
       t.components AS components, r.id AS run
