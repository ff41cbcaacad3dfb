// Create or update shared platforms. Params: $rows [{id, hash, props}], $import_id.
// Returns status, n.
UNWIND $rows AS row
OPTIONAL MATCH (old:Platform {id: row.id})
WITH row, CASE
    WHEN old IS NULL THEN 'created'
    WHEN coalesce(old.row_hash, '') <> row.hash THEN 'updated'
    ELSE 'unchanged' END AS status
CALL (row, status) {
  WITH row WHERE status <> 'unchanged'
  MERGE (p:Platform {id: row.id})
  SET p += row.props, p.row_hash = row.hash, p.import_id = $import_id
}
RETURN status, count(*) AS n
