// Countries by ISO code (DataLoader batch). Params: $ids. Returns id, node {code, name, region}.
UNWIND $ids AS id
MATCH (n:Country {code: id})
RETURN id, n {.*} AS node
