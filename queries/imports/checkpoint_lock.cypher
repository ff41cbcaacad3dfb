// Take the Import node's write lock, then read its checkpoint: batches written by concurrent
// transactions merge into it one at a time. Params: $id.
// Returns rows_done, counts (JSON text or null), batches_done (list of "kind/lane/seq" and "kind/i.j/seq").
MATCH (i:Import {id: $id})
SET i.checkpoint_seq = coalesce(i.checkpoint_seq, 0) + 1
RETURN coalesce(i.rows_done, 0) AS rows_done, i.counts AS counts,
       coalesce(i.batches_done, []) AS batches_done
