// Nodes beyond the reference frame (countries, regions, migration records, the disposable
// mark): what a wipe would delete. Params: none. Returns n.
MATCH (n)
WHERE NOT (n:Country OR n:Region OR n:Migration OR n:DisposableDatabase)
RETURN count(n) AS n
