// One page of agreements the viewer may see, keyset-paginated, with the total.
// TEMPLATE: graph/filters.py fills {{filter}}, {{after}}, {{order}}, {{sort_key}} from
// allow-lists only; every value is a parameter ($f0 …, $after_key, $after_id).
// Params: $max_tlp (highest TLP rank visible), $limit. Returns total, rows [{node, key}].
CALL () {
  MATCH (n:Agreement) WHERE (n.tlp_rank <= $max_tlp OR n.id IN $visible_ids) AND {{filter}}
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Agreement) WHERE (n.tlp_rank <= $max_tlp OR n.id IN $visible_ids) AND {{filter}} AND {{after}}
  WITH n ORDER BY {{order}} LIMIT $limit
  RETURN collect({node: n {.*}, key: {{sort_key}}}) AS rows
}
RETURN total, rows
