// One page of each country's memberships in agreements (DataLoader batch): the PARTY_TO
// ties of the partners based in the country (BASED_IN) whose kind is in $kinds, in the
// roles $roles (null: every role), to agreements the caller may see; hidden agreements
// are neither listed nor counted. One row per tie: an agreement two of the country's
// partners belong to comes twice (`nodes` counts it once).
// Keyset order: lower-case title, agreement id, partner id; $after_key, $after_node and
// $after_partner (all null on the first page) are the last row of the previous page.
// Params: $ids (country codes), $kinds, $roles, $max_tlp, $visible_ids, $after_key,
// $after_node, $after_partner, $limit. Returns id, total (ties), nodes (distinct
// agreements), rows [{role, consent, signed_on, ratified_on, …tie, key, partner, node}].
UNWIND $ids AS id
MATCH (c:Country {code: id})
CALL (c) {
  MATCH (c)<-[:BASED_IN]-(p:Partner)-[r:PARTY_TO]->(n:Agreement)
  WHERE p.kind IN $kinds AND ($roles IS NULL OR r.role IN $roles)
    AND (n.tlp_rank <= $max_tlp OR n.id IN $visible_ids)
  RETURN count(r) AS total, count(DISTINCT n) AS nodes
}
CALL (c) {
  MATCH (c)<-[:BASED_IN]-(p:Partner)-[r:PARTY_TO]->(n:Agreement)
  WHERE p.kind IN $kinds AND ($roles IS NULL OR r.role IN $roles)
    AND (n.tlp_rank <= $max_tlp OR n.id IN $visible_ids)
  WITH p, r, n, coalesce(toLower(n.title), '') AS key
  WHERE $after_key IS NULL OR key > $after_key
     OR (key = $after_key AND (n.id > $after_node OR (n.id = $after_node AND p.id > $after_partner)))
  WITH p, r, n, key ORDER BY key, n.id, p.id LIMIT $limit
  RETURN collect(r {.*, key: key, partner: p {.*}, node: n {.*}}) AS rows
}
RETURN id, total, nodes, rows
