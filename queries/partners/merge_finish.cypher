// Merging two partners, last step: KEEP takes the merged properties (its own, gaps filled
// from DROP's, DROP's names among its aliases, DROP's ids among its other_ids) and DROP's
// country when it had none; DROP goes with what is left of it (its BASED_IN, computed
// TRUSTS and metric results: the next metric run recomputes them); API tokens of DROP's
// organisation now name KEEP. Params: $keep, $drop, $props, $other_ids.
// Returns id (KEEP's), tokens (how many were repointed).
MATCH (k:Partner {id: $keep})
MATCH (d:Partner {id: $drop})
SET k += $props, k.other_ids = $other_ids
WITH k, d
CALL (k) {
  MATCH (c:Country {code: k.country})
  WHERE NOT (k)-[:BASED_IN]->(:Country)
  MERGE (k)-[:BASED_IN]->(c)
}
DETACH DELETE d
WITH k
OPTIONAL MATCH (t:ApiToken {organisation: $drop})
SET t.organisation = k.id
RETURN k.id AS id, count(t) AS tokens
