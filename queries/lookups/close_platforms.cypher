// Platforms close to ids nobody has, for the hint of an error (graph/reads/known.py): the
// same id or name but for case and punctuation (score 100), then those whose id or name,
// so folded, contains the value's or is contained in it (score 50). Platforms are few
// (shared tools), so a bounded scan serves without a full-text index.
// Params: $values: [{value, key (lower case, letters and digits only), terms (unused
// here)}], $limit (per value), $scan (most platforms compared). Returns value, id, name,
// score.
UNWIND $values AS v
CALL {
  WITH v
  MATCH (n:Platform)
  WITH n, v ORDER BY n.id LIMIT $scan
  WITH n, v,
       reduce(s = toLower(n.id), c IN ['-', '_', ' ', '.', '/', ':', ',', "'"] | replace(s, c, '')) AS id_key,
       reduce(s = toLower(coalesce(n.name, '')), c IN ['-', '_', ' ', '.', '/', ':', ',', "'"] | replace(s, c, '')) AS name_key
  WITH n, CASE WHEN id_key = v.key OR name_key = v.key THEN 100.0
               WHEN id_key CONTAINS v.key OR v.key CONTAINS id_key
                    OR (name_key <> '' AND (name_key CONTAINS v.key OR v.key CONTAINS name_key))
               THEN 50.0 END AS score
  WHERE score IS NOT NULL
  RETURN n, score ORDER BY score DESC, n.id LIMIT $limit
}
WITH v, collect({id: n.id, name: n.name, score: score})[..$limit] AS found
UNWIND found AS f
RETURN v.value AS value, f.id AS id, f.name AS name, f.score AS score
