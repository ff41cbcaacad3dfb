// Benchmark baseline: agreements.csv through LOAD CSV, writing what the importer writes
// (less its provenance): the properties, tlp_rank, and SUPPORTS to each objective.
// Params: $url, $batch. Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Agreement {id: row.id})
  SET a.title = row.title, a.kind = row.kind, a.status = row.status,
      a.signed_on = row.signed_on, a.effective_from = row.effective_from,
      a.expires_on = row.expires_on, a.binding = toBoolean(row.binding),
      a.scope = CASE WHEN row.scope IS NULL THEN [] ELSE split(row.scope, ';') END,
      a.tlp = row.tlp, a.source = row.source,
      a.tlp_rank = CASE row.tlp WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2
                   WHEN 'amber+strict' THEN 3 WHEN 'red' THEN 4 END
  WITH a, row
  UNWIND CASE WHEN row.objectives IS NULL THEN [] ELSE split(row.objectives, ';') END AS objective_id
  MATCH (o:Objective {id: objective_id})
  MERGE (a)-[:SUPPORTS]->(o)
} IN TRANSACTIONS OF $batch ROWS
