// The mark of a disposable database (tests, benchmarks): the only kind `wipe` empties.
// Params: none. Returns purpose, created_at (no row when the database is not disposable).
MATCH (m:DisposableDatabase)
RETURN m.purpose AS purpose, m.created_at AS created_at
LIMIT 1
