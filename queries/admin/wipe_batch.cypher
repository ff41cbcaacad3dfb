// Delete up to $limit nodes other than the reference frame (countries, regions) and the
// disposable mark, with their relationships. Used by `graph.admin.wipe` (tests and
// benchmarks, on disposable databases only). Params: $limit. Returns deleted.
MATCH (n)
WHERE NOT (n:Country OR n:Region OR n:DisposableDatabase)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
