// Record how far an import got, in the same transaction as the batch it follows, so the
// checkpoint never disagrees with the data. Params: $id, $rows_done, $counts (JSON text).
MATCH (i:Import {id: $id})
SET i.rows_done = $rows_done, i.counts = $counts
