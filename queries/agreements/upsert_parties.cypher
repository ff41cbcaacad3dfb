// Create or update (Partner)-[:PARTY_TO]->(Agreement) ties, one per pair, writing only changed rows.
// Every property of a written tie is replaced by row.props (nulls left out).
// Params: $rows [{agreement_id, partner_id, hash, props}], $import_id.
// Returns status ('created'|'updated'|'unchanged'), n. Rows whose endpoints do not exist
// return nothing; the writer reports them as 'missing'.
UNWIND $rows AS row
MATCH (p:Partner {id: row.partner_id})
MATCH (x:Agreement {id: row.agreement_id})
MERGE (p)-[r:PARTY_TO]->(x)
  ON CREATE SET r.row_hash = ''
WITH r, row, CASE coalesce(r.row_hash, '-')
    WHEN '' THEN 'created'
    WHEN row.hash THEN 'unchanged'
    ELSE 'updated' END AS status
CALL (r, row, status) {
  WITH r, row WHERE status <> 'unchanged'
  SET r = row.props, r.row_hash = row.hash, r.import_id = $import_id
}
RETURN status, count(*) AS n
