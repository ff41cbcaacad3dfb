// One page of each country's participations in activities (DataLoader batch): the
// PARTICIPATED_IN ties of the partners based in the country (BASED_IN) whose kind is in
// $kinds, having one of the roles $roles (principal or other; null: any), in activities
// the caller may see; hidden activities are neither listed nor counted. One row per tie:
// an activity two of the country's partners took part in comes twice (`nodes` counts it
// once).
// Keyset order: lower-case name, activity id, partner id; $after_key, $after_node and
// $after_partner (all null on the first page) are the last row of the previous page.
// Params: $ids (country codes), $kinds, $roles, $max_tlp, $visible_ids, $after_key,
// $after_node, $after_partner, $limit. Returns id, total (ties), nodes (distinct
// activities), rows [{role, roles, …tie, key, partner, node}].
UNWIND $ids AS id
MATCH (c:Country {code: id})
CALL (c) {
  MATCH (c)<-[:BASED_IN]-(p:Partner)-[r:PARTICIPATED_IN]->(n:Activity)
  WHERE p.kind IN $kinds
    AND ($roles IS NULL OR any(x IN coalesce(r.roles, [r.role]) WHERE x IN $roles))
    AND (n.tlp_rank <= $max_tlp OR n.id IN $visible_ids)
  RETURN count(r) AS total, count(DISTINCT n) AS nodes
}
CALL (c) {
  MATCH (c)<-[:BASED_IN]-(p:Partner)-[r:PARTICIPATED_IN]->(n:Activity)
  WHERE p.kind IN $kinds
    AND ($roles IS NULL OR any(x IN coalesce(r.roles, [r.role]) WHERE x IN $roles))
    AND (n.tlp_rank <= $max_tlp OR n.id IN $visible_ids)
  WITH p, r, n, coalesce(toLower(n.name), '') AS key
  WHERE $after_key IS NULL OR key > $after_key
     OR (key = $after_key AND (n.id > $after_node OR (n.id = $after_node AND p.id > $after_partner)))
  WITH p, r, n, key ORDER BY key, n.id, p.id LIMIT $limit
  RETURN collect(r {.*, key: key, partner: p {.*}, node: n {.*}}) AS rows
}
RETURN id, total, nodes, rows
