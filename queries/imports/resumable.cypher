// The latest incomplete import of the same source hash, to resume where it stopped.
// Params: $sha256. Returns id, rows_done, counts (JSON text or null).
MATCH (i:Import {sha256: $sha256})
WHERE i.status = 'incomplete'
RETURN i.id AS id, coalesce(i.rows_done, 0) AS rows_done, i.counts AS counts
ORDER BY i.started_at DESC
LIMIT 1
