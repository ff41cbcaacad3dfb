// Platforms each partner uses (DataLoader batch). Params: $ids. Returns id, items [{since, node}].
UNWIND $ids AS id
OPTIONAL MATCH (:Partner {id: id})-[r:USES]->(n:Platform)
WITH id, r, n ORDER BY n.id
RETURN id, collect({since: r.since, node: n {.*}}) AS items
