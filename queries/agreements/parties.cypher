// Parties of each agreement with their roles (DataLoader batch). The agreement's own TLP
// is checked by whoever loaded it. Params: $ids (agreement ids).
// Returns id, items [{role, signed_on, ratified_on, node}] ordered by partner id.
UNWIND $ids AS id
OPTIONAL MATCH (n:Partner)-[r:PARTY_TO]->(:Agreement {id: id})
WITH id, r, n ORDER BY n.id
RETURN id, collect({role: r.role, signed_on: r.signed_on, ratified_on: r.ratified_on,
                    node: n {.*}}) AS items
