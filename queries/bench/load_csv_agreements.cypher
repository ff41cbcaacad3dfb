// Benchmark baseline: agreements.csv through LOAD CSV. Params: $url, $batch. Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Agreement {id: row.id})
  SET a.title = row.title, a.kind = row.kind, a.status = row.status,
      a.signed_on = row.signed_on, a.effective_from = row.effective_from,
      a.expires_on = row.expires_on, a.binding = toBoolean(row.binding),
      a.scope = CASE WHEN row.scope IS NULL THEN [] ELSE split(row.scope, ';') END,
      a.tlp = row.tlp, a.source = row.source
} IN TRANSACTIONS OF $batch ROWS
