// One page of partners, keyset-paginated, with the total matching the filter.
// TEMPLATE (the one exception to "one statement per file"): graph/filters.py fills the
// placeholders {{filter}} (a compiled boolean expression over n built only from an
// allow-list, values as $f0, $f1, … parameters), {{after}} (keyset predicate on
// $after_key/$after_id), {{order}} and {{sort_key}} (allow-listed sort expressions).
// Params: $limit, plus the compiled ones. Returns total, rows [{node, key}].
CALL () {
  MATCH (n:Partner) WHERE {{filter}}
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Partner) WHERE {{filter}} AND {{after}}
  WITH n ORDER BY {{order}} LIMIT $limit
  RETURN collect({node: n {.*}, key: {{sort_key}}}) AS rows
}
RETURN total, rows
