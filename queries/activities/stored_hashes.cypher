// The content hash stored on each Activity of $ids that exists (null when written outside
// the importer's hashed path). Params: $ids. Returns id, hash.
UNWIND $ids AS id
MATCH (n:Activity {id: id})
RETURN n.id AS id, n.row_hash AS hash
