// What still holds each given node: its PARTY_TO/PARTICIPATED_IN/USES ties (either end) and
// the agreements and activities that SUPPORT/ADVANCE it (an objective). --prune keeps a node
// while any holder stays. Params: $nodes [{label, id}].
// Returns label, id, ties [[type, partner_id, other_id]], holders [[label, id]].
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
RETURN k.label AS label, k.id AS id,
       [(n)-[t:PARTY_TO|PARTICIPATED_IN|USES]-() | [type(t), startNode(t).id, endNode(t).id]] AS ties,
       [(n)<-[:SUPPORTS]-(h) | ['Agreement', h.id]] + [(n)<-[:ADVANCES]-(h) | ['Activity', h.id]]
         AS holders
