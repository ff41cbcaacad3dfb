// Mark the database as disposable, but only while it holds nothing beyond the reference
// frame (countries, regions, migration records): a database with data is never marked.
// Params: $purpose, $at. Returns held (the nodes that stopped it; 0 when marked).
OPTIONAL MATCH (n)
WHERE NOT (n:Country OR n:Region OR n:Migration OR n:DisposableDatabase)
WITH count(n) AS held
CALL (held) {
  WITH held WHERE held = 0
  MERGE (m:DisposableDatabase {id: 'disposable'})
  ON CREATE SET m.purpose = $purpose, m.created_at = $at
}
RETURN held
