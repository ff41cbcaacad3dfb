// The content hash stored on each Partner of $ids that exists (null when written outside
// the importer's hashed path). Params: $ids. Returns id, hash.
UNWIND $ids AS id
MATCH (n:Partner {id: id})
RETURN n.id AS id, n.row_hash AS hash
