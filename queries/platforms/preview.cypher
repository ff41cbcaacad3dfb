// What writing these Platform rows would do, for a dry run: each row's status against the
// stored content hash, nothing written. Params: $rows [{id, hash}].
// Returns status ('created'|'updated'|'unchanged'), n.
UNWIND $rows AS row
OPTIONAL MATCH (n:Platform {id: row.id})
RETURN CASE WHEN n IS NULL THEN 'created' WHEN n.row_hash = row.hash THEN 'unchanged'
       ELSE 'updated' END AS status, count(*) AS n
