// Parties of each agreement with the tie's properties (DataLoader batch). The agreement's
// own TLP is checked by whoever loaded it. Params: $ids (agreement ids).
// Returns id, items [{role, signed_on, ratified_on, consent, in_force_on, notes,
// confidence, source_*, …, node}] ordered by partner id.
UNWIND $ids AS id
OPTIONAL MATCH (n:Partner)-[r:PARTY_TO]->(:Agreement {id: id})
WITH id, r, n ORDER BY n.id
RETURN id, collect(r {.*, node: n {.*}}) AS items
