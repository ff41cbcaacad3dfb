// Merging two partners: move DROP's (Partner)-[:PARTICIPATED_IN]->(Activity) ties to KEEP. Where KEEP already
// has the tie, KEEP's stays and takes from DROP's only the properties it lacks; DROP's goes.
// Moved ties keep every property (their import_id and row_hash: provenance).
// Params: $keep, $drop. Returns moved, joined (ties KEEP had already).
MATCH (k:Partner {id: $keep})
MATCH (d:Partner {id: $drop})-[r:PARTICIPATED_IN]->(x:Activity)
OPTIONAL MATCH (k)-[mine:PARTICIPATED_IN]->(x)
CALL (k, r, x, mine) {
  WITH k, r, x, mine WHERE mine IS NULL
  CREATE (k)-[n:PARTICIPATED_IN]->(x)
  SET n = properties(r)
}
CALL (r, mine) {
  WITH r, mine WHERE mine IS NOT NULL
  WITH mine, properties(mine) AS own, properties(r) AS theirs
  SET mine = theirs
  SET mine += own
}
DELETE r
RETURN sum(CASE WHEN mine IS NULL THEN 1 ELSE 0 END) AS moved,
       sum(CASE WHEN mine IS NULL THEN 0 ELSE 1 END) AS joined
