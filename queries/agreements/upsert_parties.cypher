// Create or update (Partner)-[:PARTY_TO]->(Agreement) ties, one per pair.
// Params: $rows [{agreement_id, partner_id, hash, props}], $import_id.
// Returns status ('created'|'updated'|'unchanged'|'missing'), n. 'missing': an endpoint does not exist.
UNWIND $rows AS row
OPTIONAL MATCH (p:Partner {id: row.partner_id})
OPTIONAL MATCH (a:Agreement {id: row.agreement_id})
OPTIONAL MATCH (p)-[old:PARTY_TO]->(a)
WITH row, p, a, CASE
    WHEN p IS NULL OR a IS NULL THEN 'missing'
    WHEN old IS NULL THEN 'created'
    WHEN coalesce(old.row_hash, '') <> row.hash THEN 'updated'
    ELSE 'unchanged' END AS status
CALL (row, p, a, status) {
  WITH row, p, a WHERE status IN ['created', 'updated']
  MERGE (p)-[r:PARTY_TO]->(a)
  SET r += row.props, r.row_hash = row.hash, r.import_id = $import_id
}
RETURN status, count(*) AS n
