// Create or update partners, writing only rows whose content hash changed.
// Params: $rows [{id, hash, props}], $import_id. Returns status ('created'|'updated'|'unchanged'), n.
UNWIND $rows AS row
OPTIONAL MATCH (old:Partner {id: row.id})
WITH row, CASE
    WHEN old IS NULL THEN 'created'
    WHEN coalesce(old.row_hash, '') <> row.hash THEN 'updated'
    ELSE 'unchanged' END AS status
CALL (row, status) {
  WITH row WHERE status <> 'unchanged'
  MERGE (p:Partner {id: row.id})
  SET p += row.props, p.row_hash = row.hash, p.import_id = $import_id
  WITH p, row
  OPTIONAL MATCH (p)-[b:BASED_IN]->()
  DELETE b
  WITH DISTINCT p, row
  MATCH (c:Country {code: row.props.country})
  MERGE (p)-[:BASED_IN]->(c)
}
RETURN status, count(*) AS n
