// Benchmark baseline: agreement_parties.csv through LOAD CSV. Params: $url, $batch.
// Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (p:Partner {id: row.partner_id})
  MATCH (a:Agreement {id: row.agreement_id})
  MERGE (p)-[r:PARTY_TO]->(a)
  SET r.role = row.role, r.signed_on = row.signed_on, r.ratified_on = row.ratified_on
} IN TRANSACTIONS OF $batch ROWS
