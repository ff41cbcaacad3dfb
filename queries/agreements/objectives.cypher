// Objectives each agreement supports (DataLoader batch). Params: $ids. Returns id, nodes.
UNWIND $ids AS id
OPTIONAL MATCH (:Agreement {id: id})-[:SUPPORTS]->(n:Objective)
WITH id, n ORDER BY n.id
RETURN id, collect(n {.*}) AS nodes
