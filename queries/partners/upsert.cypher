// Create or update partners and where they are based, writing only rows whose content hash changed.
// Params: $rows [{id, hash, props}], $import_id. Returns status ('created'|'updated'|'unchanged'), n.
// A node MERGEd here gets row_hash '' until written, which is how 'created' is told apart.
UNWIND $rows AS row
MERGE (n:Partner {id: row.id})
  ON CREATE SET n.row_hash = ''
WITH n, row, CASE coalesce(n.row_hash, '-')
    WHEN '' THEN 'created'
    WHEN row.hash THEN 'unchanged'
    ELSE 'updated' END AS status
CALL (n, row, status) {
  WITH n, row WHERE status <> 'unchanged'
  SET n += row.props, n.row_hash = row.hash, n.import_id = $import_id
  WITH n, row
  OPTIONAL MATCH (n)-[b:BASED_IN]->()
  DELETE b
  WITH DISTINCT n, row
  MATCH (c:Country {code: row.props.country})
  MERGE (n)-[:BASED_IN]->(c)
}
RETURN status, count(*) AS n
