// Benchmark baseline: activities.csv through LOAD CSV, writing what the importer writes
// (less its provenance): the properties, every outcome, tlp_rank, and ADVANCES to each
// objective. Params: $url, $batch. Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Activity {id: row.id})
  SET a.name = row.name, a.kind = row.kind, a.status = row.status, a.start = row.start,
      a.end = row.end, a.tlp = row.tlp,
      a.focus = CASE WHEN row.focus IS NULL THEN [] ELSE split(row.focus, ';') END,
      a.outcome_arrests = toFloat(row.arrests), a.outcome_takedowns = toFloat(row.takedowns),
      a.outcome_servers_seized = toFloat(row.servers_seized),
      a.outcome_seized_usd = toFloat(row.seized_usd),
      a.outcome_victims_notified = toFloat(row.victims_notified),
      a.outcome_people_trained = toFloat(row.people_trained),
      a.outcome_reports_shared = toFloat(row.reports_shared), a.source = row.source,
      a.tlp_rank = CASE row.tlp WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2
                   WHEN 'amber+strict' THEN 3 WHEN 'red' THEN 4 END
  WITH a, row
  UNWIND CASE WHEN row.objectives IS NULL THEN [] ELSE split(row.objectives, ';') END AS objective_id
  MATCH (o:Objective {id: objective_id})
  MERGE (a)-[:ADVANCES]->(o)
} IN TRANSACTIONS OF $batch ROWS
