// Create agreements known to be new, with the objectives they support (see
// partners/create_new for why this is safe). Params: $rows [{id, hash, props, objectives}]
// (props without nulls), $import_id. Returns nothing.
UNWIND $rows AS row
CREATE (n:Agreement {id: row.id})
SET n += row.props, n.row_hash = row.hash, n.import_id = $import_id
WITH n, row
UNWIND row.objectives AS objective_id
MATCH (o:Objective {id: objective_id})
CREATE (n)-[:SUPPORTS]->(o)
