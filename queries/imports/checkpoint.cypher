// Record how far an import got, in the same transaction as the batch it follows (after
// imports/checkpoint_lock), so the checkpoint never disagrees with the data.
// Params: $id, $rows_done, $counts (JSON text), $batches_done (list of "kind/lane/seq" and "kind/i.j/seq").
MATCH (i:Import {id: $id})
SET i.rows_done = $rows_done, i.counts = $counts, i.batches_done = $batches_done
