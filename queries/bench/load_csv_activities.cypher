// Benchmark baseline: activities.csv through LOAD CSV, writing what the importer writes
// (less its provenance): the properties, the figures the synthetic files hold (as
// graph/figures.py stores them: names and values, in the vocabulary's order), tlp_rank,
// and ADVANCES to each objective. Params: $url, $batch. Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Activity {id: row.id})
  WITH a, row, [f IN [['arrests', row.arrests], ['takedowns', row.takedowns],
                      ['people_trained', row.people_trained],
                      ['reports_shared', row.reports_shared]] WHERE f[1] IS NOT NULL] AS fs
  SET a.name = row.name, a.kind = row.kind, a.status = row.status, a.start = row.start,
      a.end = row.end, a.tlp = row.tlp,
      a.focus = CASE WHEN row.focus IS NULL THEN [] ELSE split(row.focus, ';') END,
      a.outcome_names = CASE WHEN fs = [] THEN null ELSE [f IN fs | f[0]] END,
      a.outcome_values = CASE WHEN fs = [] THEN null ELSE [f IN fs | toFloat(f[1])] END,
      a.source = row.source,
      a.tlp_rank = CASE row.tlp WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2
                   WHEN 'amber+strict' THEN 3 WHEN 'red' THEN 4 END
  WITH a, row
  UNWIND CASE WHEN row.objectives IS NULL THEN [] ELSE split(row.objectives, ';') END AS objective_id
  MATCH (o:Objective {id: objective_id})
  MERGE (a)-[:ADVANCES]->(o)
} IN TRANSACTIONS OF $batch ROWS
