// Benchmark baseline: platform_use.csv through LOAD CSV. Params: $url, $batch. Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (p:Partner {id: row.partner_id})
  MATCH (pl:Platform {id: row.platform_id})
  MERGE (p)-[r:USES]->(pl)
  SET r.since = row.since
} IN TRANSACTIONS OF $batch ROWS
