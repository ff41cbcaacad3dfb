// Objectives each activity advances (DataLoader batch). Params: $ids. Returns id, nodes.
UNWIND $ids AS id
OPTIONAL MATCH (:Activity {id: id})-[:ADVANCES]->(n:Objective)
WITH id, n ORDER BY n.id
RETURN id, collect(n {.*}) AS nodes
