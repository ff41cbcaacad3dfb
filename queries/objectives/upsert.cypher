// Create or update strategy objectives. Params: $rows [{id, hash, props}], $import_id.
// Returns status, n.
UNWIND $rows AS row
OPTIONAL MATCH (old:Objective {id: row.id})
WITH row, CASE
    WHEN old IS NULL THEN 'created'
    WHEN coalesce(old.row_hash, '') <> row.hash THEN 'updated'
    ELSE 'unchanged' END AS status
CALL (row, status) {
  WITH row WHERE status <> 'unchanged'
  MERGE (o:Objective {id: row.id})
  SET o += row.props, o.row_hash = row.hash, o.import_id = $import_id
}
RETURN status, count(*) AS n
