// Record that a data migration ran to the end, so that it is not run (and does not scan
// the graph) again. Params: $id, $at. Returns nothing.
MERGE (m:Migration {id: $id})
SET m.at = $at
