// The latest incomplete import of the same source hash, to resume where it stopped.
// Params: $sha256. Returns id, rows_done, counts (JSON text or null), lanes (null for an
// import begun before writes were split into lanes), batch_size, tie_split ('blocks', or
// null for an import begun when ties were split by their group alone), batches_done (list
// of "kind/lane/seq" and, for ties split in blocks, "kind/i.j/seq").
MATCH (i:Import {sha256: $sha256})
WHERE i.status = 'incomplete'
RETURN i.id AS id, coalesce(i.rows_done, 0) AS rows_done, i.counts AS counts,
       i.lanes AS lanes, i.batch_size AS batch_size, i.tie_split AS tie_split,
       coalesce(i.batches_done, []) AS batches_done
ORDER BY i.started_at DESC
LIMIT 1
