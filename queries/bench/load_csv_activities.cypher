// Benchmark baseline: activities.csv through LOAD CSV. Params: $url, $batch. Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Activity {id: row.id})
  SET a.name = row.name, a.kind = row.kind, a.status = row.status, a.start = row.start,
      a.end = row.end, a.tlp = row.tlp,
      a.focus = CASE WHEN row.focus IS NULL THEN [] ELSE split(row.focus, ';') END,
      a.outcome_arrests = toFloat(row.arrests), a.outcome_takedowns = toFloat(row.takedowns),
      a.outcome_seized_usd = toFloat(row.seized_usd), a.source = row.source
} IN TRANSACTIONS OF $batch ROWS
