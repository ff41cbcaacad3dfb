// The platforms each country's actors use (DataLoader batch): one item per actor and
// platform, by platform id, then partner id.
// Params: $ids (country codes), $kinds (the actors' kinds). Returns id, items [{since,
// partner, node}].
UNWIND $ids AS id
OPTIONAL MATCH (p:Partner)-[:BASED_IN]->(:Country {code: id})
WHERE p.kind IN $kinds
OPTIONAL MATCH (p)-[r:USES]->(n:Platform)
WITH id, p, r, n ORDER BY n.id, p.id
RETURN id, collect(CASE WHEN n IS NOT NULL THEN {since: r.since, partner: p {.*},
                                                node: n {.*}} END) AS items
