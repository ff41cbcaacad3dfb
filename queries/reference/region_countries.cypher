// Countries of each region (DataLoader batch). Params: $ids (region codes). Returns id, nodes.
UNWIND $ids AS id
OPTIONAL MATCH (n:Country)-[:IN_REGION]->(:Region {code: id})
WITH id, n ORDER BY n.code
RETURN id, collect(n {.*}) AS nodes
