// The latest run's coverage findings about some countries (DataLoader batch): each
// country's own gap, and the memberships of its actors that are signed only or change
// state soon (their subject is "agreement/partner").
// Params: $countries [{code, partners (its actors' ids)}]. Returns code, kind, subject,
// detail (JSON text), run; by code, kind, subject.
MATCH (r:MetricRun {status: 'complete'})
WHERE NOT coalesce(r.partial, false)
WITH r ORDER BY r.computed_at DESC, r.id DESC LIMIT 1
UNWIND $countries AS c
MATCH (r)-[:FOUND]->(f:GapFinding)
WHERE (f.kind = 'country_gap' AND f.subject = c.code)
   OR (f.kind IN ['unratified', 'membership_change']
       AND any(p IN c.partners WHERE f.subject ENDS WITH '/' + p))
RETURN c.code AS code, f.kind AS kind, f.subject AS subject, f.detail AS detail, r.id AS run
ORDER BY code, kind, subject
