// Partners close to ids nobody has, for the hint of an error (graph/reads/known.py): the
// same id or name but for case and punctuation (score 100), then fuzzy matches of its words
// on names and aliases (index partner_names, Lucene's score).
// Params: $values: [{value, key (lower case, letters and digits only), terms (a Lucene
// query of its escaped words)}], $limit (per value), $scan (most partners compared).
// Returns value, id, name, score.
UNWIND $values AS v
CALL {
  WITH v
  MATCH (n:Partner)
  WITH n, v LIMIT $scan
  WITH n, v WHERE reduce(s = toLower(n.id), c IN ['-', '_', ' ', '.', '/', ':', ',', "'"] | replace(s, c, '')) = v.key
           OR reduce(s = toLower(coalesce(n.name, '')), c IN ['-', '_', ' ', '.', '/', ':', ',', "'"] | replace(s, c, '')) = v.key
  RETURN n, 100.0 AS score LIMIT $limit
  UNION
  WITH v
  CALL db.index.fulltext.queryNodes('partner_names', v.terms) YIELD node, score
  RETURN node AS n, score LIMIT $limit
}
WITH v, n, max(score) AS score
ORDER BY score DESC, n.id
WITH v, collect({id: n.id, name: n.name, score: score})[..$limit] AS found
UNWIND found AS f
RETURN v.value AS value, f.id AS id, f.name AS name, f.score AS score
