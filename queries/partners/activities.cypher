// Activities each partner took part in, with the tie's properties (DataLoader batch).
// Params: $ids (partner ids), $max_tlp. Returns id, items [{role, roles, notes,
// confidence, source_*, …, node}].
UNWIND $ids AS id
OPTIONAL MATCH (:Partner {id: id})-[r:PARTICIPATED_IN]->(n:Activity) WHERE (n.tlp_rank <= $max_tlp OR n.id IN $visible_ids)
WITH id, r, n ORDER BY n.id
RETURN id, collect(r {.*, node: n {.*}}) AS items
