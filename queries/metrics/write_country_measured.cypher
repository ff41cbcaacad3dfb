// Per-country values of one run at country level (graph/metrics/country_level.py):
// (MetricRun)-[:MEASURED {m_* values, m_actors}]->(Country). Idempotent (MERGE), so a
// retried batch writes nothing twice.
// Params: $run (run id), $rows [{code, values}]. Returns written.
MATCH (r:MetricRun {id: $run})
UNWIND $rows AS row
MATCH (c:Country {code: row.code})
MERGE (r)-[m:MEASURED]->(c)
SET m = row.values
RETURN count(m) AS written
