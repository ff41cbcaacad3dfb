// Regions by code (DataLoader batch). Params: $ids. Returns id, node {code, name}.
UNWIND $ids AS id
MATCH (n:Region {code: id})
RETURN id, n {.*} AS node
