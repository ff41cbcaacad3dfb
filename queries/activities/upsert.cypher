// Create or update activities and the objectives they advance.
// Params: $rows [{id, hash, props, objectives}], $import_id. Returns status, n.
UNWIND $rows AS row
OPTIONAL MATCH (old:Activity {id: row.id})
WITH row, CASE
    WHEN old IS NULL THEN 'created'
    WHEN coalesce(old.row_hash, '') <> row.hash THEN 'updated'
    ELSE 'unchanged' END AS status
CALL (row, status) {
  WITH row WHERE status <> 'unchanged'
  MERGE (a:Activity {id: row.id})
  SET a += row.props, a.row_hash = row.hash, a.import_id = $import_id
  WITH a, row
  OPTIONAL MATCH (a)-[s:ADVANCES]->()
  DELETE s
  WITH DISTINCT a, row
  UNWIND row.objectives AS objective_id
  MATCH (o:Objective {id: objective_id})
  MERGE (a)-[:ADVANCES]->(o)
}
RETURN status, count(*) AS n
