// Benchmark baseline: platforms.csv through LOAD CSV. Params: $url, $batch. Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (p:Platform {id: row.id})
  SET p.name = row.name, p.description = row.description
} IN TRANSACTIONS OF $batch ROWS
