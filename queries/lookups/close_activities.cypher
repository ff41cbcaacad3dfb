// Activities close to ids nobody has, for the hint of an error (graph/reads/known.py): the
// same id or name but for case and punctuation (score 100), then fuzzy matches of its words
// on names and ids (index activity_names, Lucene's score); only those the caller may
// see.
// Params: $values: [{value, key (lower case, letters and digits only), terms (a Lucene
// query of its escaped words)}], $limit (per value), $scan (most activities compared),
// $max_tlp, $visible_ids.
// Returns value, id, name, score.
UNWIND $values AS v
CALL {
  WITH v
  MATCH (n:Activity) WHERE n.tlp_rank <= $max_tlp OR n.id IN $visible_ids
  WITH n, v LIMIT $scan
  WITH n, v WHERE reduce(s = toLower(n.id), c IN ['-', '_', ' ', '.', '/', ':', ',', "'"] | replace(s, c, '')) = v.key
           OR reduce(s = toLower(coalesce(n.name, '')), c IN ['-', '_', ' ', '.', '/', ':', ',', "'"] | replace(s, c, '')) = v.key
  RETURN n, 100.0 AS score LIMIT $limit
  UNION
  WITH v
  CALL db.index.fulltext.queryNodes('activity_names', v.terms) YIELD node, score
  WITH node AS n, score WHERE n.tlp_rank <= $max_tlp OR n.id IN $visible_ids
  RETURN n, score LIMIT $limit
}
WITH v, n, max(score) AS score
ORDER BY score DESC, n.id
WITH v, collect({id: n.id, name: n.name, score: score})[..$limit] AS found
UNWIND found AS f
RETURN v.value AS value, f.id AS id, f.name AS name, f.score AS score
