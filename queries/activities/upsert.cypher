// Create or update activities and the objectives they advance, writing only rows whose content hash changed.
// Params: $rows [{id, hash, props, objectives}], $import_id. Returns status ('created'|'updated'|'unchanged'), n.
// A node MERGEd here gets row_hash '' until written, which is how 'created' is told apart.
UNWIND $rows AS row
MERGE (n:Activity {id: row.id})
  ON CREATE SET n.row_hash = ''
WITH n, row, CASE coalesce(n.row_hash, '-')
    WHEN '' THEN 'created'
    WHEN row.hash THEN 'unchanged'
    ELSE 'updated' END AS status
CALL (n, row, status) {
  WITH n, row WHERE status <> 'unchanged'
  SET n += row.props, n.row_hash = row.hash, n.import_id = $import_id
  WITH n, row
  OPTIONAL MATCH (n)-[s:ADVANCES]->()
  DELETE s
  WITH DISTINCT n, row
  UNWIND row.objectives AS objective_id
  MATCH (o:Objective {id: objective_id})
  MERGE (n)-[:ADVANCES]->(o)
}
RETURN status, count(*) AS n
