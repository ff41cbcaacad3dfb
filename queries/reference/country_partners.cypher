// Partners based in each country (DataLoader batch). Params: $ids (country codes).
// Returns id, nodes (partner property maps, by name).
UNWIND $ids AS id
OPTIONAL MATCH (n:Partner)-[:BASED_IN]->(:Country {code: id})
WITH id, n ORDER BY n.name, n.id
RETURN id, collect(n {.*}) AS nodes
