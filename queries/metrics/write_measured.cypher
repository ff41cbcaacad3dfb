// Per-partner values of one run: (MetricRun)-[:MEASURED {m_* values}]->(Partner).
// Idempotent (MERGE), so a retried batch writes nothing twice.
// Params: $run (run id), $rows [{id, values}]. Returns written.
MATCH (r:MetricRun {id: $run})
UNWIND $rows AS row
MATCH (p:Partner {id: row.id})
MERGE (r)-[m:MEASURED]->(p)
SET m = row.values
RETURN count(m) AS written
