// One page of platforms, keyset-paginated, with the total.
// TEMPLATE: graph/filters.py fills {{filter}}, {{after}}, {{order}}, {{sort_key}} from
// allow-lists only; every value is a parameter ($f0 …, $after_key, $after_id).
// Params: $limit. Returns total, rows [{node, key}].
CALL () {
  MATCH (n:Platform) WHERE {{filter}}
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Platform) WHERE {{filter}} AND {{after}}
  WITH n ORDER BY {{order}} LIMIT $limit
  RETURN collect({node: n {.*}, key: {{sort_key}}}) AS rows
}
RETURN total, rows
