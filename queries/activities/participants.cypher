// Participants of each activity with the tie's properties (DataLoader batch). Params: $ids.
// Returns id, items [{role, roles, notes, confidence, source_*, …, node}] ordered by
// partner id.
UNWIND $ids AS id
OPTIONAL MATCH (n:Partner)-[r:PARTICIPATED_IN]->(:Activity {id: id})
WITH id, r, n ORDER BY n.id
RETURN id, collect(r {.*, node: n {.*}}) AS items
