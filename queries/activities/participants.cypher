// Participants of each activity with their roles (DataLoader batch). Params: $ids.
// Returns id, items [{role, node}] ordered by partner id.
UNWIND $ids AS id
OPTIONAL MATCH (n:Partner)-[r:PARTICIPATED_IN]->(:Activity {id: id})
WITH id, r, n ORDER BY n.id
RETURN id, collect({role: r.role, node: n {.*}}) AS items
