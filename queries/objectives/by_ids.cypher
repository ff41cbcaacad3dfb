// Objectives by id (DataLoader batch). Params: $ids. Returns id, node.
UNWIND $ids AS id
MATCH (n:Objective {id: id})
RETURN id, n {.*} AS node
