// A ranking: the first partners matching the filter in the order of one metric, and what
// their percentiles need, read in one statement so that both see the same values.
// TEMPLATE, like partners/page.cypher: graph/filters.py fills {{filter}} (a compiled boolean
// expression over n from an allow-list, values as $f0, $f1, …), {{after}} (always true
// here), {{order}} and {{sort_key}} (allow-listed sort expressions); graph/reads/rankings.py
// fills {{value}} with the metric's property on n (from the allow-list of metrics).
// Params: $limit, plus the compiled ones.
// Returns valued (partners matching with a value), rows [{node, key, value}] in order, and
// tail_ties (partners matching whose value equals the last row's; 0 when it has none).
CALL () {
  MATCH (n:Partner) WHERE {{filter}} AND {{value}} IS NOT NULL
  RETURN count(n) AS valued
}
CALL () {
  MATCH (n:Partner) WHERE {{filter}} AND {{after}}
  WITH n ORDER BY {{order}} LIMIT $limit
  RETURN collect({node: n {.*}, key: {{sort_key}}, value: {{value}}}) AS rows
}
WITH valued, rows, rows[-1].value AS tail
CALL (tail) {
  MATCH (n:Partner) WHERE {{filter}} AND {{value}} = tail
  RETURN count(n) AS tail_ties
}
RETURN valued, rows, tail_ties
