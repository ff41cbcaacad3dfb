// Partners using each platform (DataLoader batch). Params: $ids. Returns id, items [{since, node}].
UNWIND $ids AS id
OPTIONAL MATCH (n:Partner)-[r:USES]->(:Platform {id: id})
WITH id, r, n ORDER BY n.id
RETURN id, collect({since: r.since, node: n {.*}}) AS items
