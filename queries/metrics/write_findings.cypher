// Gap findings of one run: (MetricRun)-[:FOUND]->(GapFinding {id, run, kind, subject, detail}).
// Params: $run, $rows [{id, kind, subject, detail (JSON)}]. Returns written.
MATCH (r:MetricRun {id: $run})
UNWIND $rows AS row
MERGE (f:GapFinding {id: row.id})
SET f.run = $run, f.kind = row.kind, f.subject = row.subject, f.detail = row.detail
MERGE (r)-[:FOUND]->(f)
RETURN count(f) AS written
