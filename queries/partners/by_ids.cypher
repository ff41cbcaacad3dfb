// Partners by id (DataLoader batch). Params: $ids. Returns id, node (property map); missing ids absent.
UNWIND $ids AS id
MATCH (n:Partner {id: id})
RETURN id, n {.*} AS node
