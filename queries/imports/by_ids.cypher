// Imports by id (DataLoader batch). Params: $ids. Returns id, node.
UNWIND $ids AS id
MATCH (n:Import {id: id})
RETURN id, n {.*} AS node
