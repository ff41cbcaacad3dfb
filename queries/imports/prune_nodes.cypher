// --prune: delete the given nodes (with their own BASED_IN/SUPPORTS/ADVANCES and metric
// results) if one of the given imports still is the last to have written them and no tie,
// agreement or activity holds them any more. Params: $nodes [{label, id}], $imports.
// Returns label, n (deleted).
UNWIND $nodes AS k
CALL (k) {
  MATCH (n:Partner {id: k.id}) WHERE k.label = 'Partner' RETURN n
  UNION ALL
  MATCH (n:Agreement {id: k.id}) WHERE k.label = 'Agreement' RETURN n
  UNION ALL
  MATCH (n:Activity {id: k.id}) WHERE k.label = 'Activity' RETURN n
  UNION ALL
  MATCH (n:Platform {id: k.id}) WHERE k.label = 'Platform' RETURN n
  UNION ALL
  MATCH (n:Objective {id: k.id}) WHERE k.label = 'Objective' RETURN n
}
WITH k, n
WHERE n.import_id IN $imports
  AND NOT EXISTS { (n)-[:PARTY_TO|PARTICIPATED_IN|USES]-() }
  AND NOT EXISTS { (n)<-[:SUPPORTS|ADVANCES]-() }
DETACH DELETE n
RETURN k.label AS label, count(*) AS n
