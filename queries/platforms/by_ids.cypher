// Platforms by id (DataLoader batch). Params: $ids. Returns id, node.
UNWIND $ids AS id
MATCH (n:Platform {id: id})
RETURN id, n {.*} AS node
