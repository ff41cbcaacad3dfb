// Create or update (Partner)-[:USES]->(Platform) ties.
// Params: $rows [{partner_id, platform_id, hash, props}], $import_id. Returns status, n.
UNWIND $rows AS row
OPTIONAL MATCH (p:Partner {id: row.partner_id})
OPTIONAL MATCH (pl:Platform {id: row.platform_id})
OPTIONAL MATCH (p)-[old:USES]->(pl)
WITH row, p, pl, CASE
    WHEN p IS NULL OR pl IS NULL THEN 'missing'
    WHEN old IS NULL THEN 'created'
    WHEN coalesce(old.row_hash, '') <> row.hash THEN 'updated'
    ELSE 'unchanged' END AS status
CALL (row, p, pl, status) {
  WITH row, p, pl WHERE status IN ['created', 'updated']
  MERGE (p)-[r:USES]->(pl)
  SET r += row.props, r.row_hash = row.hash, r.import_id = $import_id
}
RETURN status, count(*) AS n
