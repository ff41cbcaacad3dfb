// Create or update strategy objectives, writing only rows whose content hash changed.
// Params: $rows [{id, hash, props}], $import_id. Returns status ('created'|'updated'|'unchanged'), n.
// A node MERGEd here gets row_hash '' until written, which is how 'created' is told apart.
UNWIND $rows AS row
MERGE (n:Objective {id: row.id})
  ON CREATE SET n.row_hash = ''
WITH n, row, CASE coalesce(n.row_hash, '-')
    WHEN '' THEN 'created'
    WHEN row.hash THEN 'unchanged'
    ELSE 'updated' END AS status
CALL (n, row, status) {
  WITH n, row WHERE status <> 'unchanged'
  SET n += row.props, n.row_hash = row.hash, n.import_id = $import_id
}
RETURN status, count(*) AS n
