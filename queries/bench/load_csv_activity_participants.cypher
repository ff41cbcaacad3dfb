// Benchmark baseline: activity_participants.csv through LOAD CSV. Params: $url, $batch.
// Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (p:Partner {id: row.partner_id})
  MATCH (a:Activity {id: row.activity_id})
  MERGE (p)-[r:PARTICIPATED_IN]->(a)
  SET r.role = row.role
} IN TRANSACTIONS OF $batch ROWS
